"""The claims format and its loaders: files, JSON Lines, CSV and folders into ClaimSets."""
