"""`essayplan serve` over HTTP and websockets (no browser): the class key, the limits, idle apps saved."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request

import pytest

from essayplan.cli import main
from essayplan.plans import load_plan

aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")

from serve_harness import DOWN, ENTER, KEY, TAB, Student, descendants, running, wait_for  # noqa: E402


def get(url: str, cookie: str | None = None) -> tuple[int, str, dict]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


async def at_the_first_reason(session, served, name: str):
    """A student in, their reason field for the first factor open: (the tab, the plan's file)."""
    student = Student(session, served.websocket)
    await student.open()
    await student.settled()
    await student.type(name + ENTER)
    plan = served.folder / name.lower().replace(" ", "-") / "stalin-rise.toml"
    await wait_for(plan.is_file)
    await student.settled()
    await student.press(TAB)  # a new plan starts on its question: to the bank,
    await student.press(TAB)  # then to the ranking (keys sent with it would reach the bank)
    await student.press(DOWN + ENTER)  # the first factor's reason, opened
    return student, plan


def test_only_the_link_with_the_key_gets_the_app(tmp_path):
    with running(tmp_path / "class") as served:
        assert served.link == f"http://localhost:{served.port}/c/{KEY}/"
        for url in (served.base + "/", served.base + "/c/not-the-key/", served.base + f"/c/{KEY[:-1]}/"):
            status, body, _headers = get(url)
            assert status == 403 and "No class here" in body and "textual" not in body.lower()
        status, body, headers = get(served.link)
        assert status == 200 and f"/c/{KEY}/ws" in body
        assert f"essayplan_class={KEY}" in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]
        # A download needs the key too (its own key alone is not enough).
        status, body, _headers = get(served.base + "/download/abc")
        assert status == 403
        status, _body, _headers = get(served.base + "/download/abc", cookie=f"essayplan_class={KEY}")
        assert status == 404  # past the key: no such download


async def test_a_websocket_without_the_key_starts_no_app(tmp_path):
    with running(tmp_path / "class") as served:
        async with aiohttp.ClientSession() as session:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(served.base.replace("http", "ws") + "/c/wrong-key-123/ws")
            assert refused.value.status == 403
    assert "failed to start" not in served.log()


async def test_the_class_is_full_at_max_apps(tmp_path):
    with running(tmp_path / "class", max_apps=1) as served:
        async with aiohttp.ClientSession() as session:
            first = Student(session, served.websocket)
            await first.open()
            await asyncio.wait_for(first.first_frame.wait(), 30)
            status, body, _headers = await asyncio.to_thread(get, served.link)
            assert status == 503 and "The class is full" in body
            second = Student(session, served.websocket)
            await second.open()
            await asyncio.wait_for(second.closed.wait(), 10)  # told so on its screen, then closed
            await first.close()
            await wait_for(lambda: get(served.link)[0] == 200)  # room again


async def test_an_idle_app_closes_and_its_plan_is_saved(tmp_path):
    folder = tmp_path / "class"
    with running(folder, idle_minutes=0.05) as served:  # 3 seconds
        # The student comes later than the idle time after the server started: their app's
        # idle time counts from its own start (it once counted from the server's).
        await asyncio.sleep(3.5)
        async with aiohttp.ClientSession() as session:
            student, plan = await at_the_first_reason(session, served, "Idle Ida")
            await student.type("because")
            await asyncio.wait_for(student.closed.wait(), 30)  # the server closed the idle tab
            await student.close()
    assert load_plan(plan).ranking[0].reason == "because"
    assert not list(plan.parent.glob(".*.lock"))  # the app is gone, its lock too


def test_serve_refuses_bad_options_in_one_line(tmp_path, capsys):
    assert main(["serve", str(tmp_path / "class"), "--key", "short"]) == 2
    assert "--key: use 8 to 64 letters" in capsys.readouterr().err
    assert main(["serve", str(tmp_path / "class"), "--max", "0"]) == 2
    assert main(["serve", str(tmp_path / "class"), "--pack", "no-such-pack"]) == 2
    err = capsys.readouterr().err
    assert "no-such-pack" in err and "Traceback" not in err
    (tmp_path / "file").write_text("x")
    assert main(["serve", str(tmp_path / "file")]) == 2


async def test_stopping_the_server_saves_every_plan_and_leaves_no_app(tmp_path):
    import signal

    folder = tmp_path / "class"
    with running(folder) as served:
        async with aiohttp.ClientSession() as session:
            student, plan = await at_the_first_reason(session, served, "Stop Sam")
            apps = descendants(served.process.pid)
            assert apps
            await student.type("why")
            await student.settled(quiet=0.2)
            served.process.send_signal(signal.SIGINT)  # the teacher's Ctrl+C
            # Every app is asked to leave at once: the tab closes in well under a second
            # (the bound is loose for a loaded machine). Left to aiohttp, the open websocket
            # kept the app and the server running for ~23 s, up to its 60 s shutdown timeout.
            await asyncio.wait_for(student.closed.wait(), 10)
            await asyncio.to_thread(served.process.wait, 10)
    assert load_plan(plan).ranking[0].reason == "why"
    assert not [pid for pid in apps if _alive(pid)]
    assert not list(plan.parent.glob(".*.lock"))


def _alive(pid: int) -> bool:
    from pathlib import Path

    try:
        return " Z " not in Path(f"/proc/{pid}/stat").read_text()  # gone, or a zombie: not running
    except OSError:
        return False
