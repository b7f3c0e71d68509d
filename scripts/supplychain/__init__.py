"""What the project installs and runs from elsewhere: the locked Python dependencies (`lock`)."""
