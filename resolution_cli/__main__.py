import sys

from resolution_cli.cli import main, run

# `python -m resolution_cli` is the program itself (run, which ends the process at once); run by
# runpy inside another program (a test's probe), it leaves that program's exit to it.
if globals() is vars(sys.modules["__main__"]):
    run()
else:
    main()
