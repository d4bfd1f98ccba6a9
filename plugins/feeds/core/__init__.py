"""Pure core of the feeds plugin: feed items, HTML cleaning, feeds, sitemaps, JSON-LD.

Nothing here imports Pelican: the adapter turns articles into `FeedItem`s and
hands them in, so every rule is unit-tested without a build.
"""
