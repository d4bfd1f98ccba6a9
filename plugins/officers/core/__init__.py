"""Pure core of the officers plugin: no Pelican import, unit-tested on its own."""
