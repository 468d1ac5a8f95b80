"""Claims from plain text: proposing them, and appending them to a claims file."""
