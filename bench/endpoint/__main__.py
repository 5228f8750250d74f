import sys

from bench.endpoint.run import main

sys.exit(main())
