from integrationsgraph.cli import main

raise SystemExit(main())
