<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shows a sitemap or the sitemap index as a table when a person opens it in a browser. Search
  engines read the XML and ignore this stylesheet. Rows are sorted by URL.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:s="http://www.sitemaps.org/schemas/sitemap/0.9"
  xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"
  exclude-result-prefixes="s image">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title>
          <xsl:choose>
            <xsl:when test="s:sitemapindex">Sitemap index</xsl:when>
            <xsl:otherwise>Sitemap</xsl:otherwise>
          </xsl:choose>
        </title>
        <style>
          body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem; color: #1d2428; }
          h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
          p { color: #5b676d; margin: 0 0 1rem; }
          table { border-collapse: collapse; width: 100%; }
          th, td { border-bottom: 1px solid #e1e6e8; padding: .35rem .5rem; text-align: left; vertical-align: top; }
          th { background: #f3f6f7; }
          td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
          a { color: #0b5c6b; }
          ul { margin: 0; padding-left: 1rem; }
        </style>
      </head>
      <body>
        <xsl:apply-templates select="s:sitemapindex | s:urlset"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="s:sitemapindex">
    <h1>Sitemap index</h1>
    <p>
      <xsl:value-of select="count(s:sitemap)"/> sitemaps, one per kind of page. Only pages that
      search engines may index are listed.
    </p>
    <xsl:if test="s:sitemap">
      <table>
        <thead><tr><th scope="col">Sitemap</th><th scope="col">Last modified</th></tr></thead>
        <tbody>
          <xsl:for-each select="s:sitemap">
            <xsl:sort select="s:loc"/>
            <tr>
              <td><a href="{s:loc}"><xsl:value-of select="s:loc"/></a></td>
              <td class="num"><xsl:value-of select="substring(s:lastmod, 1, 10)"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <xsl:template match="s:urlset">
    <h1>Sitemap</h1>
    <p>
      <xsl:value-of select="count(s:url)"/> URLs, <xsl:value-of select="count(s:url/image:image)"/> images.
    </p>
    <table>
      <thead><tr><th scope="col">URL</th><th scope="col">Last modified</th><th scope="col">Images</th></tr></thead>
      <tbody>
        <xsl:for-each select="s:url">
          <xsl:sort select="s:loc"/>
          <tr>
            <td><a href="{s:loc}"><xsl:value-of select="s:loc"/></a></td>
            <td class="num"><xsl:value-of select="substring(s:lastmod, 1, 10)"/></td>
            <td>
              <xsl:if test="image:image">
                <ul>
                  <xsl:for-each select="image:image">
                    <li><a href="{image:loc}"><xsl:value-of select="image:loc"/></a></li>
                  </xsl:for-each>
                </ul>
              </xsl:if>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>
</xsl:stylesheet>
