"""Run the command line as ``python -m nqpf_check``."""

from nqpf_check.cli import main

main()
