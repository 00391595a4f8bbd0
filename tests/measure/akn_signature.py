# ruff: noqa  (the reference measure, copied from ../shared/tools: kept as it is there)
#!/usr/bin/env python3
"""Structural signature of an AKN4UN resolution, and a scorer that holds one AKN file against another.

Usage:
  akn_signature.py show FILE.xml               print the signature as JSON
  akn_signature.py score OURS.xml GOLD.xml     print per-field agreement as JSON

The signature reads what a correct conversion must reproduce, whatever AKN shape carries it:
symbol, session, agenda items, number, title, adoption date and meeting, the enacting formula,
preambular paragraphs (text with any lettered items, and the italic lead phrase), the body as an
ordered list of headings / preambular / operative paragraphs (number, lead, text, sub-paragraph
tree), footnotes (marker, text, host paragraph, and the words just before the call), annex count.
Texts are compared after Unicode NFKC, with hyphen variants folded to '-', invisible format
characters dropped, and all whitespace removed.
"""
import difflib
import json
import re
import sys
import unicodedata

from lxml import etree

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS = {"a": AKN}
GROUPS = {"section", "part", "hcontainer", "division", "chapter", "title", "subsection",
          "container", "blockContainer", "subdivision", "book", "tome"}
LISTS = {"list", "sublist", "blockList"}
ITEMS = {"point", "item"}
HEADINGS = {"heading", "subheading"}
# Never part of a paragraph's own running text: scored elsewhere, or numbering.
SKIP_IN_TEXT = ITEMS | {"sublist", "authorialNote", "num"}


def local(el):
    return etree.QName(el).localname if isinstance(el.tag, str) else None


def norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Cf")  # soft hyphen, LRM, zero-width marks
    s = re.sub("[\u2010\u2011]", "-", s)  # NFKC turns U+2011 into U+2010; PDFs give '-'
    return re.sub(r"\s+", " ", s).strip()


def first(root, *xps):
    for xp in xps:
        r = root.xpath(xp, namespaces=NS)
        if r:
            return r[0]
    return None


def text_of(el, notes=None, skip=SKIP_IN_TEXT):
    """Running text of el: leaves out sub-items, numbers and footnote bodies (they are scored apart).
    When `notes` is a list, each footnote met is appended as (marker, text, words-before-the-call)."""
    out = []

    def walk(e, top):
        tag = local(e)
        if tag is None:  # comment or processing instruction
            if e.tail:
                out.append(e.tail)
            return
        if not top and (tag in skip or tag == "authorialNote"):
            if tag == "authorialNote" and notes is not None:
                before = re.sub(r"\s+", "", norm("".join(out)))[-24:]
                notes.append((e.get("marker") or "", norm(e.xpath("string()")), before))
            if e.tail:
                out.append(e.tail)
            return
        if e.text:
            out.append(e.text)
        for c in e:
            walk(c, False)
        if not top and e.tail:
            out.append(e.tail)

    walk(el, True)
    return norm("".join(out))


def is_italic(e):
    return local(e) == "i" or (local(e) == "span" and "italic" in (e.get("class") or ""))


def lead_of(el):
    """The italic phrase that opens a paragraph (Recalling, Decides ...), or '' when it opens in roman."""
    for t in el.xpath(".//text()[normalize-space()]"):
        if not norm(t):
            continue  # a text node of format characters only (U+200E before the italic lead)
        holder = t.getparent() if not t.is_tail else t.getparent().getparent()
        chain = []
        node = holder
        while node is not None and node is not el:
            chain.append(node)
            node = node.getparent()
        if any(local(n) in ("num", "authorialNote") for n in chain):
            continue
        italic = next((n for n in chain if is_italic(n)), None)
        return norm(italic.xpath("string()")) if italic is not None else ""
    return ""


def items_of(el):
    """Sub-paragraph tree under el: points/items of its lists; a sublist belongs to the point before it."""
    found = []

    def collect(lst):
        res = []
        for c in lst:
            tag = local(c)
            if tag in ITEMS:
                n = first(c, "./a:num")
                res.append({"num": norm(n.xpath("string()")) if n is not None else "",
                            "text": text_of(c), "children": items_of(c)})
            elif tag in LISTS:
                kids = collect(c)
                if res:
                    res[-1]["children"].extend(kids)
                else:
                    res.extend(kids)
        return res

    def search(e):
        for c in e:
            tag = local(c)
            if tag in LISTS:
                found.extend(collect(c))
            elif tag in ("content", "intro", "p", "wrapUp"):
                search(c)

    search(el)
    return found


def is_heading_text(t):
    """An unnumbered body paragraph that is really a heading: short, no closing punctuation."""
    return len(t) < 150 and not re.search(r"[.;:,]\s*$", t)


def body_items(body, notes):
    """mainBody as an ordered list: heading / preambular / operative items; consecutive headings merged."""
    items = []

    def add(kind, num="", text="", lead="", children=()):
        items.append({"kind": kind, "num": num, "lead": lead, "text": text, "children": list(children)})

    def walk(el):
        for c in el:
            tag = local(c)
            if tag is None or tag in ("num",) or tag in HEADINGS:
                continue
            if tag == "paragraph":
                n = first(c, "./a:num")
                num = norm(n.xpath("string()")) if n is not None else ""
                heads = [h for h in c if local(h) in HEADINGS]
                has_content = any(local(k) in ("content", "intro", "list", "wrapUp") for k in c)
                if heads and not has_content:
                    add("heading", text=" ".join(x for x in [num] + [norm(h.xpath("string()")) for h in heads] if x))
                    continue
                local_notes = []
                text = text_of(c, local_notes)
                kids = items_of(c)
                if not num and not kids and is_heading_text(text):
                    add("heading", text=text)
                else:
                    add("operative", num=num, text=text, lead=lead_of(c), children=kids)
                notes.extend((m, t, b, "op:" + num) for m, t, b in local_notes)
            elif tag == "crossHeading":
                local_notes = []
                text = text_of(c, local_notes)
                if (c.get("refersTo") or "").endswith("preamble"):
                    add("preambular", text=text, lead=lead_of(c))
                else:
                    add("heading", text=text)
                notes.extend((m, t, b, "body") for m, t, b in local_notes)
            elif tag in GROUPS:
                n = first(c, "./a:num")
                heads = [h for h in c if local(h) in HEADINGS]
                head = " ".join(x for x in [norm(n.xpath("string()")) if n is not None else ""]
                                + [norm(h.xpath("string()")) for h in heads] if x)
                if head:
                    add("heading", text=head)
                walk(c)
            else:
                local_notes = []
                t = text_of(c, local_notes)
                if t:
                    add("other", text=t)
                notes.extend((m, tx, b, "body") for m, tx, b in local_notes)

    walk(body)
    merged = []
    for it in items:
        if merged and it["kind"] == "heading" and merged[-1]["kind"] == "heading":
            merged[-1]["text"] = (merged[-1]["text"] + " " + it["text"]).strip()
        else:
            merged.append(it)
    return merged


def signature(path):
    root = etree.parse(path, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)).getroot()
    stmt = first(root, "//a:statement") 
    if stmt is None:
        stmt = root
    sig = {}
    sym = first(stmt, ".//a:coverPage//a:docNumber[@refersTo='#symbol']", ".//a:coverPage//a:docNumber")
    sig["symbol"] = norm(sym.xpath("string()")) if sym is not None else None
    ses = first(stmt, ".//a:coverPage//a:session", ".//a:preface//a:session")
    sig["session"] = ses.get("value") if ses is not None else None
    sig["agenda_items"] = [norm(x.get("title") or "") for x in stmt.xpath(
        ".//a:coverPage//a:inline[@name='agenda item'] | .//a:preface//a:inline[@name='agenda item']", namespaces=NS)]
    num = first(stmt, ".//a:preface//a:docNumber", ".//a:coverPage//a:docTitle[@refersTo='#resolutionNumber']")
    sig["number"] = re.sub(r"^Resolution\s+", "", norm(num.xpath("string()"))).rstrip(".") if num is not None else None
    tit = first(stmt, ".//a:preface//a:docTitle")
    sig["title"] = norm(tit.xpath("string()")) if tit is not None else None
    ad = first(stmt, ".//a:docDate[@refersTo='#adoptionDate']", ".//a:conclusions//a:docDate")
    sig["adopted"] = ad.get("date") if ad is not None else None
    mt = first(stmt, ".//*[@refersTo='#adoptionMeeting']", ".//*[@name='adoptionMeeting']")
    m = re.search(r"\d+(st|nd|rd|th)", norm(mt.xpath("string()")) if mt is not None else "")
    sig["meeting"] = m.group(0) if m else None
    notes = []
    pre = first(stmt, "./a:preamble")
    formula = first(pre, "./a:formula") if pre is not None else None
    sig["formula"] = text_of(formula) if formula is not None else None
    paras = []
    if pre is not None:
        for c in (k for k in pre if local(k) not in (None, "formula")):
            local_notes = []
            t = text_of(c, local_notes, skip={"authorialNote"})  # lettered items stay in the text here
            if t:
                paras.append({"lead": lead_of(c), "text": t})
                notes.extend((mk, tx, b, f"pre:{len(paras)}") for mk, tx, b in local_notes)
    body = first(stmt, "./a:mainBody")
    items = body_items(body, notes) if body is not None else []
    # The UN's markup sometimes leaves the last preambular paragraph(s) in mainBody, unnumbered: move them back.
    while items and items[0]["kind"] == "operative" and not items[0]["num"] and items[0]["text"].endswith(",") \
            and any(i["num"] for i in items):
        it = items.pop(0)
        paras.append({"lead": it["lead"], "text": it["text"]})
    sig["preamble"] = paras
    sig["operative"] = items
    sig["footnotes"] = [{"marker": mk, "text": tx, "before": b, "host": h} for mk, tx, b, h in notes]
    sig["annexes"] = len(stmt.xpath("./a:attachments/*", namespaces=NS))
    return sig


def squeeze(x):
    """Texts are compared without whitespace: the UN's markup sometimes loses or adds a space where a
    footnote or a link sat ("Paris Agreementand"), and spacing carries no meaning here."""
    if isinstance(x, str):
        return re.sub(r"\s+", "", x)
    if isinstance(x, list):
        return [squeeze(i) for i in x]
    if isinstance(x, dict):
        return {k: squeeze(v) for k, v in x.items()}
    return x


def flat_ops(ops, prefix=""):
    for o in ops:
        key = prefix + o.get("kind", "item")[0] + ":" + o["num"]
        yield key, o["text"], o.get("lead", "")
        yield from flat_ops(o.get("children", []), key + "/")


def seq_score(ours, gold):
    """Share of items matched exactly and in order (longest common subsequence over whole items)."""
    if not gold and not ours:
        return 1.0
    sm = difflib.SequenceMatcher(None, ours, gold, autojunk=False)
    return sum(b.size for b in sm.get_matching_blocks()) / max(len(gold), len(ours))


def score(ours, gold):
    o, g = squeeze(signature(ours)), squeeze(signature(gold))
    r = {}
    for k in ("symbol", "session", "agenda_items", "number", "title", "adopted", "meeting", "formula", "annexes"):
        r[k] = o[k] == g[k]
    r["preamble_count"] = len(o["preamble"]) == len(g["preamble"])
    r["preamble_text"] = seq_score([p["text"] for p in o["preamble"]], [p["text"] for p in g["preamble"]])
    r["preamble_leads"] = seq_score([p["lead"] for p in o["preamble"]], [p["lead"] for p in g["preamble"]])
    fo, fg = list(flat_ops(o["operative"])), list(flat_ops(g["operative"]))
    r["operative_count"] = sum(i["kind"] == "operative" for i in o["operative"]) == \
        sum(i["kind"] == "operative" for i in g["operative"])
    r["operative_tree"] = [k for k, _, _ in fo] == [k for k, _, _ in fg]
    r["operative_text"] = seq_score([f"{k} {t}" for k, t, _ in fo], [f"{k} {t}" for k, t, _ in fg])
    r["operative_leads"] = seq_score([f"{k} {ld}" for k, _, ld in fo if not k.split("/")[-1].startswith("h")],
                                     [f"{k} {ld}" for k, _, ld in fg if not k.split("/")[-1].startswith("h")])
    no = [(n["marker"], n["text"], n["host"]) for n in o["footnotes"]]
    ng = [(n["marker"], n["text"], n["host"]) for n in g["footnotes"]]
    r["footnote_count"] = len(no) == len(ng)
    r["footnotes"] = seq_score(no, ng)
    r["footnote_anchors"] = seq_score([(n["marker"], n["before"]) for n in o["footnotes"]],
                                      [(n["marker"], n["before"]) for n in g["footnotes"]])
    r["perfect"] = all(v is True or v == 1.0 for v in r.values())
    return r


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "show" and len(sys.argv) == 3:
        print(json.dumps(signature(sys.argv[2]), indent=1, ensure_ascii=False))
    elif cmd == "score" and len(sys.argv) == 4:
        print(json.dumps(score(sys.argv[2], sys.argv[3]), indent=1))
    else:
        sys.exit(__doc__)
