"""What every web app uses: errors, user text, notifications, access; core imports no other web app."""
