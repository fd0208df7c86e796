"""What every web app uses: errors, user text, notifications, the access guard.

core imports no other web app."""
