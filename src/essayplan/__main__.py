from essayplan.cli import main

raise SystemExit(main())
