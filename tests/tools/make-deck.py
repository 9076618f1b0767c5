#!/usr/bin/env python3
"""make-deck.py: writes small PowerPoint (.pptx) and Impress (.odp) decks
for the import tests, part by part with zipfile: the same slides in
Norwegian and in translated copies (uk, ar, ti) that keep the slide and
shape ids, as translators' copies do.

usage: make-deck.py FORMAT OUT [--lang L] [--video FILE] [--edit]
                    [--split] [--extra-slide] [--slides N]
  FORMAT   pptx | odp
  --lang   nb (default), uk, ar or ti: the language of the texts
  --video  an MP4 film to embed on the second slide
  --edit   changes one bullet of the first slide (for import --update)
  --split  splits the last slide's bullets into two shapes (misaligned)
  --extra-slide  adds a slide the source does not have
  --slides N     N plain slides only (for the slide-count cap)
  --svg          the first slide's picture is an SVG drawing
  --link TARGET  the second slide links to the film TARGET (pptx)
  --deep         the first slide's bullets go on down to the sixth level
  --after-list   the first slide's body ends with a paragraph (no bullet)
                 after its bullets
  --pad N:MIB    adds N parts of MIB MiB of zeros each (for the size caps;
                 the file stays small: each part packs to about 1/1000)
  --encrypt      an Impress deck saved with a password (ODF encryption:
                 content.xml is ciphertext, manifest.xml says how)
  --positional   slide ids by position, as LibreOffice saves them (pptx:
                 sldId 256, 257, ... and docProps/app.xml names
                 LibreOffice; odp: pages named page1, page2, ...)
  --insert-first a new slide before the first one (for import --update)
  --drop-last    leaves the last slide out (for import --update)
"""
import os
import struct
import sys
import zipfile
import zlib

TEXT = {
    "nb": {
        "title1": "Velkommen", "b1": ["Hva er ", "karriereveiledning", "?"],
        "b2": "Det er gratis", "b3": "Ditt eget språk",
        "box": "Ring oss på telefon", "notes1": "Velkommen! Her får du vite hva karriereveiledning er.",
        "alt": "En veileder som vinker",
        "title2": "Se filmen", "notes2": "Vis filmen og stopp for spørsmål.",
        "title3": "Skjult lysbilde", "title4": "Tall fra 2025",
        "notes4": "Forklar tallene i diagrammet.",
        "title5": "Spørsmål?", "b5a": "Spør veilederen", "b5b": "Ta med pass",
        "notes5": "Avslutt med spørsmål fra salen.",
        "edit": "Det er helt gratis",
        "after": "Vi hjelper deg videre",
    },
    "uk": {
        "title1": "Ласкаво просимо", "b1": ["Що таке ", "кар'єрне консультування", "?"],
        "b2": "Це безкоштовно", "b3": "Вашою мовою",
        "box": "Зателефонуйте нам", "notes1": "Ласкаво просимо! Тут ви дізнаєтеся, що таке кар'єрне консультування.",
        "alt": "Консультант махає рукою",
        "title2": "Подивіться фільм", "notes2": "Покажіть фільм і зробіть паузу для запитань.",
        "title3": "Прихований слайд", "title4": "Цифри за 2025 рік",
        "notes4": "Поясніть цифри на діаграмі.",
        "title5": "Запитання?", "b5a": "Запитайте консультанта", "b5b": "Візьміть паспорт",
        "notes5": "Завершіть запитаннями із зали.",
        "edit": "Це зовсім безкоштовно",
    },
    "ar": {
        "title1": "مرحبا", "b1": ["ما هو ", "الإرشاد المهني", "؟"],
        "b2": "إنه مجاني", "b3": "بلغتك",
        "box": "اتصل بنا على الرقم 25", "notes1": "مرحبا! هنا تعرف ما هو الإرشاد المهني.",
        "alt": "مرشد يلوح بيده",
        "title2": "شاهد الفيلم", "notes2": "اعرض الفيلم وتوقف للأسئلة.",
        "title3": "شريحة مخفية", "title4": "أرقام 2025",
        "notes4": "اشرح الأرقام في الرسم البياني.",
        "title5": "أسئلة؟", "b5a": "اسأل المرشد", "b5b": "أحضر جواز السفر",
        "notes5": "اختتم بأسئلة من القاعة.",
        "edit": "إنه مجاني تماما",
    },
    "ti": {
        "title1": "እንቋዕ ብደሓን መጻእኩም", "b1": ["እንታይ እዩ ", "ናይ ሞያ ምኽሪ", "?"],
        "b2": "ብናጻ እዩ", "b3": "ብቋንቋኹም",
        "box": "ብስልኪ ደውሉልና", "notes1": "እንቋዕ ብደሓን መጻእኩም! ኣብዚ ናይ ሞያ ምኽሪ እንታይ ምዃኑ ክትፈልጡ ኢኹም።",
        "alt": "ኣማኻሪ ኢዱ ዘወዛውዝ",
        "title2": "ነቲ ፊልም ርኣዩ", "notes2": "ነቲ ፊልም ኣርእዩ ንሕቶታት ደው በሉ።",
        "title3": "ሕቡእ ስላይድ", "title4": "ቁጽርታት 2025",
        "notes4": "ነቶም ቁጽርታት ኣብቲ ሰንጠረዥ ኣብርሁ።",
        "title5": "ሕቶታት?", "b5a": "ንኣማኻሪ ሕተቱ", "b5b": "ፓስፖርት ሒዝኩም ንዑ",
        "notes5": "ብሕቶታት ካብ ኣዳራሽ ዛዝሙ።",
        "edit": "ምሉእ ብምሉእ ብናጻ እዩ",
    },
}


def png(width=8, height=6):
    """A small valid RGB PNG."""
    raw = b"".join(b"\0" + bytes([(x * 30) % 256, (y * 40) % 256, 128] * 1)
                   * 1 for y in range(height) for x in range(1))
    raw = b"".join(b"\0" + b"".join(bytes([(x * 30) % 256, (y * 40) % 256, 128])
                                    for x in range(width)) for y in range(height))

    def chunk(kind, data):
        c = kind + data
        return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c))
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slides_for(t, opts):
    """The deck as plain data: a list of slides, each a dict."""
    b1 = t["edit"] if opts.get("edit") else t["b2"]
    s = [
        {"id": 256, "title": t["title1"], "notes": t["notes1"],
         "body": [(0, [(t["b1"][0], ""), (t["b1"][1], "b"), (t["b1"][2], "")]),
                  (1, [(b1, "i")]), (1, [(t["b3"], "")])],
         "box": t["box"], "picture": t["alt"]},
        {"id": 257, "title": t["title2"], "notes": t["notes2"], "video": True},
        {"id": 258, "title": t["title3"], "hidden": True},
        {"id": 259, "title": t["title4"], "notes": t["notes4"], "chart": True},
        {"id": 260, "title": t["title5"], "notes": t["notes5"],
         "body": [(0, [(t["b5a"], "")]), (0, [(t["b5b"], "")])]},
    ]
    if opts.get("deep"):
        s[0]["body"] += [(k, [(t["b3"] + " %d" % (k + 1), "")])
                         for k in (2, 3, 4, 5)]
    if opts.get("after"):
        s[0]["after"] = t.get("after", TEXT["nb"]["after"])
    if opts.get("split"):
        s[4]["split"] = True
    if opts.get("insert"):
        s.insert(0, {"id": 300, "title": "Nytt lysbilde", "notes": "Et nytt lysbilde først.",
                     "body": [(0, [("Helt ny tekst", "")])]})
    if opts.get("drop"):
        s.pop()
    if opts.get("positional"):
        for k, slide in enumerate(s):
            slide["id"] = 256 + k
            slide["page"] = k + 1
    if opts.get("extra"):
        s.append({"id": 261, "title": t["title5"] + " 2",
                  "body": [(0, [(t["b5a"], "")])]})
    return s


# ---------------------------------------------------------------- pptx

NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKGREL = "http://schemas.openxmlformats.org/package/2006/relationships"


def rels(items):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
           '<Relationships xmlns="%s">' % PKGREL]
    for rid, kind, target, mode in items:
        out.append('<Relationship Id="%s" Type="%s/%s" Target="%s"%s/>'
                   % (rid, REL, kind, target,
                      ' TargetMode="External"' if mode else ""))
    out.append("</Relationships>")
    return "\n".join(out)


def pptx_runs(runs):
    out = []
    for text, style in runs:
        attrs = ' b="1"' if style == "b" else (' i="1"' if style == "i" else "")
        out.append('<a:r><a:rPr lang="nb-NO" sz="4000"%s/><a:t>%s</a:t></a:r>'
                   % (attrs, esc(text)))
    return "".join(out)


def pptx_sp(shape_id, name, ph, paras, bullets=False, after=None):
    phx = ('<p:nvPr><p:ph%s/></p:nvPr>' % ph) if ph is not None else "<p:nvPr/>"
    ps = []
    for level, runs in paras:
        ppr = '<a:pPr lvl="%d"/>' % level if level else ""
        if not bullets and ph is None:
            ppr = ppr or ""
        ps.append("<a:p>%s%s</a:p>" % (ppr, pptx_runs(runs)))
    if after:
        ps.append("<a:p><a:pPr><a:buNone/></a:pPr>%s</a:p>"
                  % pptx_runs([(after, "")]))
    # Positions, so that LibreOffice (import --render) draws the text.
    y = {2: 300000, 3: 1600000, 4: 4800000, 5: 3200000}.get(shape_id, 1600000)
    xfrm = ('<a:xfrm><a:off x="600000" y="%d"/><a:ext cx="10800000" '
            'cy="1200000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            '</a:prstGeom>' % y)
    return ('<p:sp><p:nvSpPr><p:cNvPr id="%d" name="%s"/><p:cNvSpPr/>%s'
            '</p:nvSpPr><p:spPr>%s</p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>%s'
            '</p:txBody></p:sp>' % (shape_id, name, phx, xfrm, "".join(ps)))


def pptx_slide(s, n, link=None):
    shapes = [pptx_sp(2, "Title 1", ' type="title"', [(0, [(s["title"], "")])])]
    srels = [("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml", False)]
    media = {}
    if "body" in s:
        if s.get("split"):
            shapes.append(pptx_sp(3, "Content 2", ' idx="1"', s["body"][:1], True))
            shapes.append(pptx_sp(5, "Content 3", ' idx="2"', s["body"][1:], True))
        else:
            shapes.append(pptx_sp(3, "Content 2", ' idx="1"', s["body"], True,
                                  s.get("after")))
    if "box" in s:
        shapes.append(pptx_sp(4, "TextBox 3", None, [(0, [(s["box"], "")])]))
    if "picture" in s:
        srels.append(("rId2", "image", "../media/image%d.png" % n, False))
        media["ppt/media/image%d.png" % n] = png()
        shapes.append(
            '<p:pic><p:nvPicPr><p:cNvPr id="6" name="Picture 5" descr="%s"/>'
            '<p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill>'
            '<a:blip r:embed="rId2"/></p:blipFill><p:spPr/></p:pic>'
            % esc(s["picture"]))
    if s.get("video") or (link and s["id"] == 257):
        if link:
            srels.append(("rId3", "video", link, True))
        else:
            srels.append(("rId3", "video", "../media/media%d.mp4" % n, False))
        srels.append(("rId4", "image", "../media/poster%d.png" % n, False))
        media["ppt/media/poster%d.png" % n] = png()
        shapes.append(
            '<p:pic><p:nvPicPr><p:cNvPr id="7" name="film.mp4"/><p:cNvPicPr/>'
            '<p:nvPr><a:videoFile r:link="rId3"/></p:nvPr></p:nvPicPr>'
            '<p:blipFill><a:blip r:embed="rId4"/></p:blipFill><p:spPr/></p:pic>')
    if s.get("chart"):
        srels.append(("rId5", "chart", "../charts/chart%d.xml" % n, False))
        media["ppt/charts/chart%d.xml" % n] = b'<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>'
        shapes.append(
            '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="8" name="Chart 7"/>'
            '<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId5"/>'
            '</a:graphicData></a:graphic></p:graphicFrame>')
    if "notes" in s:
        srels.append(("rId9", "notesSlide", "../notesSlides/notesSlide%d.xml" % n, False))
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<p:sld %s%s><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/>'
           '<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>%s</p:spTree>'
           '</p:cSld></p:sld>' % (NS, ' show="0"' if s.get("hidden") else "",
                                  "".join(shapes)))
    return xml, rels(srels), media


def pptx_notes(s, n):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<p:notes %s><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/>'
            '<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
            '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image 1"/><p:cNvSpPr/>'
            '<p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>'
            '%s<p:sp><p:nvSpPr><p:cNvPr id="4" name="Slide Number 3"/><p:cNvSpPr/>'
            '<p:nvPr><p:ph type="sldNum" idx="5"/></p:nvPr></p:nvSpPr><p:spPr/>'
            '<p:txBody><a:bodyPr/><a:p><a:r><a:t>%d</a:t></a:r></a:p></p:txBody></p:sp>'
            '</p:spTree></p:cSld></p:notes>'
            % (NS, pptx_sp(3, "Notes Placeholder 2", ' type="body" idx="1"',
                           [(0, [(s["notes"], "")])]), n),
            rels([("rId1", "slide", "../slides/slide%d.xml" % n, False)]))


def write_pptx(out, slides, video, link=None, positional=False):
    z = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
    if positional:
        z.writestr("docProps/app.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                   '<Application>LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2</Application>'
                   '</Properties>')
    types = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
             '<Default Extension="xml" ContentType="application/xml"/>',
             '<Default Extension="png" ContentType="image/png"/>',
             '<Default Extension="mp4" ContentType="video/mp4"/>',
             '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>']
    prels = []
    ids = []
    for n, s in enumerate(slides, 1):
        types.append('<Override PartName="/ppt/slides/slide%d.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>' % n)
        prels.append(("rId%d" % (n + 10), "slide", "slides/slide%d.xml" % n, False))
        ids.append('<p:sldId id="%d" r:id="rId%d"/>' % (s["id"], n + 10))
        xml, srels, media = pptx_slide(s, n, link)
        z.writestr("ppt/slides/slide%d.xml" % n, xml)
        z.writestr("ppt/slides/_rels/slide%d.xml.rels" % n, srels)
        for name, data in media.items():
            z.writestr(name, data)
        if s.get("video"):
            z.write(video, "ppt/media/media%d.mp4" % n)
        if "notes" in s:
            nx, nr = pptx_notes(s, n)
            z.writestr("ppt/notesSlides/notesSlide%d.xml" % n, nx)
            z.writestr("ppt/notesSlides/_rels/notesSlide%d.xml.rels" % n, nr)
    types.append("</Types>")
    z.writestr("[Content_Types].xml", "\n".join(types))
    z.writestr("_rels/.rels", rels([("rId1", "officeDocument", "ppt/presentation.xml", False)]))
    prels.append(("rId1", "slideMaster", "slideMasters/slideMaster1.xml", False))
    z.writestr("ppt/_rels/presentation.xml.rels", rels(prels))
    z.writestr("ppt/presentation.xml",
               '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<p:presentation %s><p:sldIdLst>%s</p:sldIdLst>'
               '<p:sldSz cx="12192000" cy="6858000"/></p:presentation>'
               % (NS, "".join(ids)))
    z.close()


# ---------------------------------------------------------------- odp

ODP_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink" '
          'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:xml="http://www.w3.org/XML/1998/namespace" '
          'office:version="1.3"')


def odp_spans(runs):
    out = []
    for text, style in runs:
        if style:
            out.append('<text:span text:style-name="T%s">%s</text:span>'
                       % (style, esc(text)))
        else:
            out.append(esc(text))
    return "".join(out)


def odp_list(paras):
    """Nested text:list for (level, runs) paragraphs."""
    out = ["<text:list>"]
    depth = 0
    first = True
    for level, runs in paras:
        while depth < level:
            out.append("<text:list>" if out[-1].endswith("</text:p>") else
                       "<text:list-item><text:list>")
            depth += 1
        while depth > level:
            out.append("</text:list-item></text:list>")
            depth -= 1
        if not first and not out[-1].endswith("<text:list>"):
            out.append("</text:list-item>")
        out.append("<text:list-item><text:p>%s</text:p>" % odp_spans(runs))
        first = False
    while depth > 0:
        out.append("</text:list-item></text:list>")
        depth -= 1
    out.append("</text:list-item></text:list>")
    return "".join(out)


def odp_frame(fid, cls, inner):
    c = ' presentation:class="%s"' % cls if cls else ""
    return ('<draw:frame xml:id="%s" draw:id="%s"%s><draw:text-box>%s'
            '</draw:text-box></draw:frame>' % (fid, fid, c, inner))


SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90">'
       b'<rect width="160" height="90" fill="#1565c0"/>'
       b'<circle cx="80" cy="45" r="30" fill="#ffca28"/></svg>')


def write_odp(out, slides, video, svg=False):
    z = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
    z.writestr(zipfile.ZipInfo("mimetype"),
               "application/vnd.oasis.opendocument.presentation")
    pages = []
    for n, s in enumerate(slides, 1):
        frames = [odp_frame("t%d" % s["id"], "title",
                            "<text:p>%s</text:p>" % esc(s["title"]))]
        if "body" in s:
            if s.get("split"):
                frames.append(odp_frame("b%d" % s["id"], "outline", odp_list(s["body"][:1])))
                frames.append(odp_frame("c%d" % s["id"], "outline", odp_list(s["body"][1:])))
            else:
                # a paragraph outside the list has no bullet, as
                # LibreOffice writes one whose bullet is switched off
                after = ("<text:p>%s</text:p>" % esc(s["after"])
                         if s.get("after") else "")
                frames.append(odp_frame("b%d" % s["id"], "outline",
                                        odp_list(s["body"]) + after))
        if "box" in s:
            frames.append(odp_frame("x%d" % s["id"], None,
                                    "<text:p>%s</text:p>" % esc(s["box"])))
        if "picture" in s:
            ext = "svg" if svg else "png"
            z.writestr("Pictures/pic%d.%s" % (n, ext), SVG if svg else png())
            frames.append('<draw:frame draw:id="p%d"><draw:image xlink:href="Pictures/pic%d.%s"/>'
                          '<svg:desc>%s</svg:desc></draw:frame>' % (s["id"], n, ext, esc(s["picture"])))
        if s.get("video"):
            z.write(video, "Media/film%d.mp4" % n)
            frames.append('<draw:frame draw:id="v%d"><draw:plugin xlink:href="Media/film%d.mp4" '
                          'draw:mime-type="video/mp4"/></draw:frame>' % (s["id"], n))
        if s.get("chart"):
            frames.append('<draw:frame draw:id="c%d"><draw:object xlink:href="./Object 1"/></draw:frame>' % s["id"])
        if "notes" in s:
            frames.append('<presentation:notes><draw:page-thumbnail/>%s</presentation:notes>'
                          % odp_frame("n%d" % s["id"], "notes",
                                      "<text:p>%s</text:p>" % esc(s["notes"])))
        style = "dphidden" if s.get("hidden") else "dp1"
        # LibreOffice gives pages no xml:id of their own
        xid = "" if "page" in s else ' xml:id="s%d"' % s["id"]
        pages.append('<draw:page draw:name="page%d"%s draw:style-name="%s">%s</draw:page>'
                     % (s.get("page", s["id"]), xid, style, "".join(frames)))
    z.writestr("content.xml",
               '<?xml version="1.0" encoding="UTF-8"?>\n'
               '<office:document-content %s><office:automatic-styles>'
               '<style:style style:name="dp1" style:family="drawing-page"/>'
               '<style:style style:name="dphidden" style:family="drawing-page">'
               '<style:drawing-page-properties presentation:visibility="hidden"/></style:style>'
               '<style:style style:name="Tb" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
               '<style:style style:name="Ti" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>'
               '</office:automatic-styles><office:body><office:presentation>%s'
               '</office:presentation></office:body></office:document-content>'
               % (ODP_NS, "".join(pages)))
    # Every part is listed: LibreOffice refuses a package whose manifest
    # leaves one out (tests convert these decks with it).
    kinds = {"png": "image/png", "svg": "image/svg+xml", "mp4": "video/mp4",
             "xml": "text/xml"}
    entries = "".join(
        '<manifest:file-entry manifest:full-path="%s" manifest:media-type="%s"/>'
        % (name, kinds.get(name.rsplit(".", 1)[-1], ""))
        for name in z.namelist() if name != "mimetype")
    z.writestr("META-INF/manifest.xml",
               '<?xml version="1.0" encoding="UTF-8"?>\n'
               '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
               '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.presentation"/>'
               '%s</manifest:manifest>' % entries)
    z.close()


def pad_deck(out, n, mib):
    """Rewrites the deck `out` with n more parts of `mib` MiB of zeros.

    zipfile would deflate every byte; here one MiB is deflated once with a
    full flush (so it does not refer to what came before) and the chunk is
    repeated, which is a valid deflate stream of n * mib MiB of zeros."""
    with zipfile.ZipFile(out) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    block = bytes(1 << 20)
    chunk = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = chunk.compress(block) + chunk.flush(zlib.Z_FULL_FLUSH)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(block, crc)
    members = []
    for name, data in parts:
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed = c.compress(data) + c.flush()
        members.append((name, [packed], zlib.crc32(data), len(packed),
                        len(data)))
    for k in range(n):
        members.append(("Pictures/pad%d.bin" % k if out.endswith(".odp")
                        else "ppt/media/pad%d.bin" % k,
                        [chunk] * mib + [end], crc,
                        len(chunk) * mib + len(end), mib << 20))
    central = []
    with open(out, "wb") as f:
        for name, pieces, crc, csize, usize in members:
            off = f.tell()
            raw = name.encode()
            f.write(struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, 0, 8, 0,
                                0x21, crc, csize, usize, len(raw), 0) + raw)
            for piece in pieces:
                f.write(piece)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50,
                                       20, 20, 0, 8, 0, 0x21, crc, csize,
                                       usize, len(raw), 0, 0, 0, 0, 0,
                                       off) + raw)
        start = f.tell()
        for c in central:
            f.write(c)
        f.write(struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, len(central),
                            len(central), f.tell() - start, start, 0))


def encrypt_odp(out):
    """Makes the Impress deck `out` look as LibreOffice saves it with a
    password: content.xml is ciphertext (random bytes here) and
    META-INF/manifest.xml carries its manifest:encryption-data."""
    with zipfile.ZipFile(out) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    ns = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="%s" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
        'manifest:media-type="application/vnd.oasis.opendocument.presentation"/>'
        '<manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml" manifest:size="%d">'
        '<manifest:encryption-data manifest:checksum-type='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" '
        'manifest:checksum="Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmE=">'
        '<manifest:algorithm manifest:algorithm-name='
        '"http://www.w3.org/2001/04/xmlenc#aes256-cbc" '
        'manifest:initialisation-vector="AAAAAAAAAAAAAAAAAAAAAA=="/>'
        '<manifest:start-key-generation manifest:start-key-generation-name='
        '"http://www.w3.org/2000/09/xmldsig#sha256" manifest:key-size="32"/>'
        '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" '
        'manifest:key-size="32" manifest:iteration-count="100000" '
        'manifest:salt="AAAAAAAAAAAAAAAAAAAAAA=="/>'
        '</manifest:encryption-data></manifest:file-entry>'
        '</manifest:manifest>'
        % (ns, len(dict(parts)["content.xml"])))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            if name == "mimetype":
                z.writestr(zipfile.ZipInfo(name), data)
            elif name == "content.xml":
                z.writestr(zipfile.ZipInfo(name), os.urandom(len(data)))
            elif name == "META-INF/manifest.xml":
                z.writestr(name, manifest)
            else:
                z.writestr(name, data)


def main(argv):
    if len(argv) < 3 or argv[1] not in ("pptx", "odp"):
        sys.exit(__doc__)
    fmt, out = argv[1], argv[2]
    opts = {"lang": "nb"}
    i = 3
    while i < len(argv):
        a = argv[i]
        if a in ("--lang", "--video", "--slides", "--link", "--pad"):
            opts[a[2:]] = argv[i + 1]
            i += 2
            continue
        opts[{"--edit": "edit", "--split": "split", "--svg": "svg",
              "--extra-slide": "extra", "--deep": "deep",
              "--encrypt": "encrypt", "--after-list": "after",
              "--positional": "positional", "--insert-first": "insert",
              "--drop-last": "drop"}[a]] = True
        i += 1
    if "slides" in opts:
        slides = [{"id": 1000 + k, "title": "Lysbilde %d" % k}
                  for k in range(int(opts["slides"]))]
    else:
        slides = slides_for(TEXT[opts["lang"]], opts)
        if not opts.get("video"):
            for s in slides:
                s.pop("video", None)
    if fmt == "pptx":
        write_pptx(out, slides, opts.get("video"), opts.get("link"),
                   opts.get("positional", False))
    else:
        write_odp(out, slides, opts.get("video"), opts.get("svg", False))
        if opts.get("encrypt"):
            encrypt_odp(out)
    if "pad" in opts:
        n, mib = opts["pad"].split(":")
        pad_deck(out, int(n), int(mib))


if __name__ == "__main__":
    main(sys.argv)
