#!/usr/bin/python3
"""Writes a NeuroSim-format trace of a NeuroSim network file (bench and tests of `cimsim replay`).

Usage: make_neurosim_trace.py NETWORK.csv OUT_DIR [--ones 0.3] [--seed 1] [--layers N]

Per weight layer L, weight<L>.csv holds random weights uniform in [-1, 1] quantized to 8 bits
(k / 128, k in -128..127) and input<L>.csv random 8-bit input bit planes with about `ones` of the
bits 1, over NeuroSim's (H - K + 1)^2 valid windows of a convolution (1 for a fully connected
layer), as NeuroSim's own trace writer records them. trace_command.sh lists the files.
"""
import argparse
import csv
import os
import random

WEIGHT_BITS = 8
INPUT_BITS = 8


def layer_shapes(network_file):
    with open(network_file) as f:
        for row in csv.reader(f):
            if not row or not row[0].strip():
                continue
            h, w, c, kh, kw, out = (int(v) for v in row[:6])
            windows = (h - kh + 1) * (w - kw + 1)
            yield kh * kw * c, out, windows


def write_rows(path, rows, line):
    """`rows` lines, each made by `line()`."""
    with open(path, "w") as f:
        for _ in range(rows):
            f.write(line())
            f.write("\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("network")
    parser.add_argument("out")
    parser.add_argument("--ones", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--layers", type=int, default=0, help="only the first N layers (0: all)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    scale = 2 ** (WEIGHT_BITS - 1)
    # Uniform in [-1, 1] quantized to k / 128 and clamped to 127 / 128: every k of -128..127 is
    # equally likely but the ends, which get half a step (-128) and one and a half (127).
    weight_text = ["%.10g" % (k / scale) for k in range(-scale, scale)]
    files = []
    for index, (rows, cols, windows) in enumerate(layer_shapes(args.network)):
        if args.layers and index >= args.layers:
            break
        def weight(): return weight_text[min(round(rng.uniform(-1, 1) * scale), scale - 1) + scale]
        write_rows(f"{args.out}/weight{index}.csv", rows, lambda: ",".join(weight() for _ in range(cols)))
        bits = windows * INPUT_BITS
        write_rows(f"{args.out}/input{index}.csv", rows,
                   lambda: ",".join("1" if rng.random() < args.ones else "0" for _ in range(bits)))
        files += [f"weight{index}.csv", f"input{index}.csv"]
    with open(f"{args.out}/trace_command.sh", "w") as f:
        f.write(f"./main NetWork.csv {WEIGHT_BITS} {INPUT_BITS} 128 128 {' '.join(files)}\n")


if __name__ == "__main__":
    main()
