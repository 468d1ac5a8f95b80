"""One module per command: options in, the work done, an exit code out."""
