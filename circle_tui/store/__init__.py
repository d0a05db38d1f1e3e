"""Where sessions live on disk: journal, session folders, formats, locations."""
