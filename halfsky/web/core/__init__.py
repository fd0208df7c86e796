"""What every web app uses: the one access guard (and, from the lead, the shared modules)."""
