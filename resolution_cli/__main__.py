from resolution_cli.cli.app import main

main()
