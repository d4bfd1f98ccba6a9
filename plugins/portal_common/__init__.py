"""Pure helpers shared by the portal's plugins (no Pelican import, no register())."""
