"""The command line: one module per subcommand, each registering itself on the parser."""
