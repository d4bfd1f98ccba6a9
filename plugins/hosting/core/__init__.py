"""Pure core of the hosting plugin (no Pelican import): policy, host files, assets, compression."""
