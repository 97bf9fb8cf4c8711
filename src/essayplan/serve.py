"""`essayplan serve`: the app in the browsers of a class, through textual-serve.

Each browser tab gets its own app process (tui/classroom.py) that keeps the
student's plans in CLASS_FOLDER/<name>/. The link carries the class key: a
request without it gets a plain refusal, never an app. At most `max_apps` apps
run at once; an app nobody has typed into for `idle` seconds is closed (its plan
saved). For a trusted school network: plain HTTP, one shared key, no accounts.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import shlex
import sys
import time
from pathlib import Path

import logging

from essayplan.classroom import ENV, Policy
from essayplan.errors import UserError

log = logging.getLogger("textual-serve")  # textual-serve's log: one stream for the teacher
COOKIE = "essayplan_class"
KEY_PATTERN = r"[A-Za-z0-9_-]{8,64}"
STOP_WAIT = 15.0  # seconds an app has to save and leave before it is stopped

REFUSED = """<!doctype html><meta charset="utf-8"><title>essayplan</title>
<h1>No class here</h1><p>Open the link your teacher gave you (it has the class key in it).</p>"""
FULL = """<!doctype html><meta charset="utf-8"><title>essayplan</title>
<h1>The class is full</h1><p>{n} students are working already. Close a tab you are not using,
or ask your teacher, then reload this page.</p>"""
FULL_TERMINAL = b"\r\n  The class is full: close a tab you are not using, or ask your teacher, then reload.\r\n"


def new_key() -> str:
    return secrets.token_urlsafe(12)


def check_key(key: str) -> str:
    if not re.fullmatch(KEY_PATTERN, key):
        raise UserError(f"--key: use 8 to 64 letters, digits, '-' or '_' (not {key[:20]!r})")
    return key


def class_packs(ids: list[str] | None) -> tuple[Path, ...]:
    """The packs offered: those named (ids or files), else every pack found; as files."""
    from essayplan.packs import discover, find_pack

    if ids:
        packs = [find_pack(pack_id) for pack_id in ids]
    else:
        packs = [item.pack for item in discover() if item.pack is not None and item.shadowed_by is None]
    paths = tuple(Path(pack.path).resolve() for pack in packs if pack.path is not None)
    if not paths:
        raise UserError("no pack to offer: give --pack ID (essayplan packs lists them)")
    return paths


def homes_for(folder: Path) -> Path:
    """Each student's settings and recovery copies: in the teacher's data folder, not the class's."""
    import hashlib

    from essayplan import paths

    digest = hashlib.sha256(str(folder).encode()).hexdigest()[:12]
    return paths.user_data() / "classes" / f"{folder.name[:30]}-{digest}"


def link_host(host: str) -> str:
    """The host name students type: this machine's address when serving on every interface."""
    if host not in ("0.0.0.0", "::", ""):
        return host
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing address
            return probe.getsockname()[0]
    except OSError:
        return socket.gethostname()


def make_server(folder: Path, policy: Policy, *, key: str, host: str, port: int, max_apps: int, idle: float):
    """The server (textual-serve's, with the class key, the limits and the student's app)."""
    try:
        from aiohttp import web
        import aiohttp_jinja2
        import jinja2
        from textual_serve.app_service import AppService
        from textual_serve.server import Server
    except ImportError:
        raise UserError("essayplan serve needs textual-serve: pip install 'essayplan[serve]'") from None

    class ClassApp(AppService):
        """One student's app process; it notes when the student last typed or clicked."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            # From its own start (a class attribute held the server's start: an app opened
            # later than `idle` after it was closed at its first check, before any key).
            self.last_input = time.monotonic()

        async def send_bytes(self, data: bytes) -> bool:
            self.last_input = time.monotonic()
            return await super().send_bytes(data)

    class ClassServer(Server):
        def __init__(self) -> None:
            command = f"{shlex.quote(sys.executable)} -m essayplan.tui.classroom"
            super().__init__(command, host=host, port=port, title="essayplan")
            self.apps: set[ClassApp] = set()
            self.starting = 0  # connections accepted whose app is not yet running
            self.stopping = False  # Ctrl+C or SIGTERM: every app is asked to leave
            self.link = f"http://{link_host(host)}:{port}/c/{key}/"

        def key_ok(self, request) -> bool:
            return secrets.compare_digest(request.match_info.get("key", ""), key)

        def full(self) -> bool:
            return len(self.apps) + self.starting >= max_apps

        async def _make_app(self):
            # textual-serve's routes, each (but the page's files) behind the class key.
            app = web.Application()
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
            app.router.add_get("/", self.handle_refused)
            app.router.add_get("/c/{key}", self.handle_index)
            app.router.add_get("/c/{key}/", self.handle_index)
            app.router.add_get("/c/{key}/ws", self.handle_websocket)
            app.router.add_get("/download/{key}", self.handle_download)
            app.router.add_static("/static", self.statics_path)
            app.on_startup.append(self.on_startup)
            app.on_shutdown.append(self.on_shutdown)
            return app

        async def handle_refused(self, request):
            return web.Response(text=REFUSED, status=403, content_type="text/html")

        async def handle_index(self, request):
            if not self.key_ok(request):
                return await self.handle_refused(request)
            if self.full():
                return web.Response(text=FULL.format(n=max_apps), status=503, content_type="text/html")
            # Addresses from the request: the page works under whatever name the student typed.
            context = {
                "font_size": 16,
                "app_websocket_url": f"ws://{request.host}/c/{key}/ws",
                "config": {"static": {"url": f"http://{request.host}/static/"}},
                "application": {"name": "essayplan"},
            }
            response = aiohttp_jinja2.render_template("app_index.html", request, context)
            response.set_cookie(COOKIE, key, httponly=True, samesite="Strict", path="/")
            return response

        async def handle_download(self, request):
            if not secrets.compare_digest(request.cookies.get(COOKIE, ""), key):
                return await self.handle_refused(request)
            return await super().handle_download(request)

        async def handle_websocket(self, request):
            if not self.key_ok(request):
                return await self.handle_refused(request)
            websocket = web.WebSocketResponse(heartbeat=15)
            if self.full():
                await websocket.prepare(request)
                await websocket.send_bytes(FULL_TERMINAL)
                await websocket.close()
                return websocket
            self.starting += 1
            service = None
            try:
                await websocket.prepare(request)
                service = ClassApp(
                    self.command,
                    write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    close=websocket.close,
                    download_manager=self.download_manager,
                    debug=self.debug,
                )
                width = _size(request.query.get("width"), 80)
                height = _size(request.query.get("height"), 24)
                await service.start(width, height)
                self.apps.add(service)
                self.starting -= 1
                if self.stopping:  # started as the server stops: it leaves with the others
                    return websocket
                log.info(f"an app started ({len(self.apps)} running; {width}x{height})")
                idle_watch = asyncio.create_task(self.close_when_idle(service, websocket))
                try:
                    await self._process_messages(websocket, service)
                finally:
                    idle_watch.cancel()
            except asyncio.CancelledError:
                await websocket.close()
            except Exception as error:  # one student's broken connection must not stop the class
                log.exception(error)
            finally:
                if service in self.apps:
                    self.apps.discard(service)
                else:
                    self.starting -= 1
                if service is not None:
                    await stop(service)
            return websocket

        async def close_when_idle(self, service: ClassApp, websocket) -> None:
            while True:
                await asyncio.sleep(max(0.2, min(idle / 4, 30)))
                if time.monotonic() - service.last_input >= idle:
                    await stop(service)  # the app saves as it leaves
                    await websocket.close()
                    return

        async def on_shutdown(self, app) -> None:
            # aiohttp lets open websockets finish on their own (up to a minute) before it
            # cancels them, and nothing would ask the apps to leave till then: ask them all
            # now, side by side; each saves as it leaves and closes its tab.
            self.stopping = True

            async def leave(service: ClassApp) -> None:
                await stop(service)
                await service.remote_close()  # its tab; the app's own goodbye closes it too

            await asyncio.gather(*(leave(service) for service in list(self.apps)))

        async def on_startup(self, app) -> None:
            from essayplan.cli import say

            say(f"essayplan: serving the class in {folder}")
            say(f"  students open: {self.link}")
            say(f"  at most {max_apps} at once; an app idle for {idle / 60:g} min closes (saved). Ctrl+C stops.")
            sys.stdout.flush()

    return ClassServer()


async def stop(service) -> None:
    """Ask the app to leave (it saves); stop its process if it has not left in time."""
    try:
        await asyncio.wait_for(asyncio.shield(service.stop()), STOP_WAIT)
    except (asyncio.TimeoutError, RuntimeError, ConnectionError):
        process = getattr(service, "_process", None)
        if process is not None and process.returncode is None:
            process.terminate()  # SIGTERM: the app saves (saving.save_on_signals) and leaves


def _size(value: str | None, default: int) -> int:
    try:
        return max(10, min(int(value or default), 1000))
    except ValueError:
        return default


def serve(folder: Path, packs: list[str] | None, *, host: str, port: int, key: str | None, max_apps: int, idle: float) -> int:
    """Run the class server until Ctrl+C."""
    import os

    if max_apps < 1:
        raise UserError("--max: at least 1")
    if idle <= 0:
        raise UserError("--idle: more than 0 minutes")
    folder = Path(folder).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    folder = folder.resolve()
    policy = Policy(folder=folder, packs=class_packs(packs), homes=homes_for(folder))
    os.environ[ENV] = policy.to_env()  # each app process textual-serve starts inherits it
    server = make_server(folder, policy, key=check_key(key) if key else new_key(), host=host, port=port,
                         max_apps=max_apps, idle=idle * 60)  # fmt: skip
    server.serve()
    return 0
