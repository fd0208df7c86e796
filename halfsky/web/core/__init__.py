"""What every web app uses: errors, text, access, the acting user, the chosen plan."""
