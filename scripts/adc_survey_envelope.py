#!/usr/bin/env python3
"""Recompute circuits/adc_survey.cpp's table from B. Murmann's ADC Performance Survey.

Usage: /usr/bin/python3 scripts/adc_survey_envelope.py ADCsurvey_latest.xlsx

The spreadsheet is public (github.com/bmurmann/ADC-survey, xls/); it is not shipped with cimsim.
Reads the ISSCC and VLSI sheets with the standard library only (an .xlsx is zipped XML), keeps the
converters published 2015 or later with ENOB = (SNDR_hf - 1.76) / 6.02 in [4, 10), groups them by
the decade of their Nyquist rate and prints, per decade, the count and the Walden FOM
P / (fsnyq 2^ENOB) at the 0th, 10th, 25th and 50th percentiles (linear between order statistics),
then the sample's median node and supply, and the checks quoted in circuits/README.md.
"""
import re
import statistics
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def column_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def sheet_rows(book, shared, sheet_file):
    for row in ET.fromstring(book.read(sheet_file)).iter("{%s}row" % NS["m"]):
        cells = {}
        for cell in row.findall("m:c", NS):
            value = cell.find("m:v", NS)
            if value is None:
                continue
            text = shared[int(value.text)] if cell.get("t") == "s" else value.text
            cells[column_index(cell.get("r"))] = text
        yield cells


def converters(path):
    book = zipfile.ZipFile(path)
    shared = ["".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))
              for si in ET.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", NS)]
    names = [s.get("name") for s in ET.fromstring(book.read("xl/workbook.xml")).find("m:sheets", NS)]
    for number, name in enumerate(names, start=1):
        if name not in ("ISSCC", "VLSI"):
            continue
        rows = list(sheet_rows(book, shared, "xl/worksheets/sheet%d.xml" % number))
        header_at = next(i for i, r in enumerate(rows[:10]) if any(str(v).strip() == "YEAR" for v in r.values()))
        header = rows[header_at]
        for cells in rows[header_at + 1:]:
            record = {header.get(i, str(i)): v for i, v in cells.items()}
            try:
                yield {"year": int(float(record["YEAR"])), "sndr": float(record["SNDR_hf [dB]"]),
                       "power": float(record["P [W]"]), "fsnyq": float(record["fsnyq [Hz]"]),
                       "node": record.get("TECHNOLOGY"), "supply": record.get("VSUP1 [V]")}
            except (KeyError, TypeError, ValueError):
                continue


def percentile(values, p):
    values = sorted(values)
    position = (len(values) - 1) * p / 100
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def main(path):
    sample = []
    for c in converters(path):
        enob = (c["sndr"] - 1.76) / 6.02
        if c["year"] >= 2015 and 4 <= enob < 10:
            sample.append(dict(c, enob=enob, energy=c["power"] / c["fsnyq"]))
    for low in (1e7, 1e8, 1e9):
        group = [c for c in sample if low <= c["fsnyq"] < 10 * low]
        foms = [c["energy"] / 2 ** c["enob"] * 1e15 for c in group]
        print(f"{low:.0e}..{10 * low:.0e} Hz: {len(group)} designs, FOM_W fJ/step",
              " ".join(f"p{p}={percentile(foms, p):.2f}" for p in (0, 10, 25, 50)))
    fast = [c for c in sample if 1e8 <= c["fsnyq"] < 1e10]
    nodes = [float(c["node"]) * 1e3 for c in fast if c["node"] not in (None, "")]
    supplies = [float(c["supply"]) for c in sample if 1e7 <= c["fsnyq"] < 1e10 and c["supply"] not in (None, "")]
    print(f"median node {statistics.median(nodes):.0f} nm, median supply {statistics.median(supplies):.2f} V")
    band = [c["energy"] * 1e12 for c in sample if 7 <= c["enob"] < 8 and c["fsnyq"] >= 1e8]
    print(f"ENOB 7-8 at >= 100 MS/s: {len(band)} designs, {min(band):.2f} pJ minimum, "
          f"{percentile(band, 50):.2f} pJ median")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
