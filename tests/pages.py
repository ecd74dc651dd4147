"""Small article pages written for the tests (not third-party text)."""

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Drones strike grain port near Odesa | The Harbour Ledger</title>
<meta property="og:title" content="Drones strike grain port near Odesa">
<meta property="og:site_name" content="The Harbour Ledger">
<meta name="author" content="Maria Kovalenko">
<meta property="article:published_time" content="2024-10-22T07:15:00+03:00">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Drones strike grain port near Odesa","datePublished":"2024-10-22T07:15:00+03:00",
"author":[{"@type":"Person","name":"Maria Kovalenko"}],"publisher":{"@type":"Organization","name":"The Harbour Ledger"}}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/opinion">Opinion</a></nav>
<article>
<h1>Drones strike grain port near Odesa</h1>
<p class="byline">By Maria Kovalenko</p>
<p>ODESA, Ukraine, Oct 22 (Harbour Ledger) - Russian drones struck grain silos at a port near Odesa overnight,
wounding four dock workers and destroying about 3,000 tonnes of wheat, the regional governor said on Tuesday.</p>
<p>Ukraine's air force said it had shot down 31 of the 38 drones launched during the night, most of them over
the southern regions.</p>
<p>Related: Shipping Insurers Raise Black Sea Premiums Again</p>
<p>The port handled more than 2 million tonnes of grain last month, according to the infrastructure ministry,
which said exports would continue despite the attacks.</p>
<p>"We will repair the silos within weeks," the port's director told reporters at the scene.</p>
</article>
<aside class="related"><h3>More from World</h3><ul><li><a href="/a">Another story entirely</a></li></ul></aside>
<footer>Copyright 2024 The Harbour Ledger. All rights reserved.</footer>
</body></html>
"""

GERMAN_TEXT = (
    "Die Bundesregierung hat am Montag weitere Hilfen für die Ukraine angekündigt. Nach Angaben des "
    "Verteidigungsministeriums sollen bis zum Jahresende zusätzliche Luftabwehrsysteme geliefert werden. "
    "Der Minister sagte, die Lage an der Front bleibe angespannt, und forderte die Partner auf, ihre "
    "Zusagen schneller umzusetzen."
)

SHORT_WIRE = (
    "KYIV, Oct 22 (Meridian Wire) - Russia launched 84 drones and three missiles overnight, "
    "Ukraine's air force said on Tuesday, adding that 71 drones were shot down.\n"
    "The regional governor said two people were killed in Kharkiv.\n"
    "Copyright 2024 Meridian Wire. All rights reserved."
)
