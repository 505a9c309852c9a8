#!/usr/bin/python3
"""Exports torchvision models (random weights: nothing is downloaded) to OUTDIR/NAME.onnx, by default
resnet18 and mobilenet_v2, and writes OUTDIR/torch_counts.json: each model's conv and linear weights
and MACs per 224x224 image as PyTorch itself counts them (forward hooks), for
tests/cli/test_cli_onnx.sh (bench/bench_onnx_import.cpp exports resnet50). For each model also a
seeded batch, OUTDIR/NAME_inputs.npy (4 images drawn from N(0, 1)), PyTorch's float outputs for it,
OUTDIR/NAME_outputs.npy, and their top-1 classes, OUTDIR/NAME_labels.npy: what `cimsim accuracy
--inputs --reference-outputs --labels` must reproduce in float.

Usage: /usr/bin/python3 scripts/export_onnx_models.py OUTDIR [NAME ...]   (python3-torch, -torchvision)
"""
import json
import sys

import numpy
import torch
import torchvision


def crossbar_counts(model, image):
    """Weights and MACs of every Conv2d and Linear, the layers cimsim puts on crossbars."""
    counts = {"weights": 0, "macs": 0}

    def hook(module, inputs, output):
        counts["weights"] += module.weight.numel()
        # Each output element is one dot product over the weights of one output channel.
        counts["macs"] += output.numel() * module.weight[0].numel()

    handles = [m.register_forward_hook(hook) for m in model.modules()
               if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear))]
    with torch.no_grad():
        model(image)
    for handle in handles:
        handle.remove()
    return counts


def write_batch(model, outdir, name):
    """A seeded batch, PyTorch's float outputs for it and the top-1 class of each image."""
    batch = torch.randn(4, 3, 224, 224, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        outputs = model(batch)
    numpy.save(f"{outdir}/{name}_inputs.npy", batch.numpy())
    numpy.save(f"{outdir}/{name}_outputs.npy", outputs.numpy())
    numpy.save(f"{outdir}/{name}_labels.npy", outputs.argmax(dim=1).numpy())


def main(outdir, names):
    torch.manual_seed(0)
    image = torch.randn(1, 3, 224, 224)
    counts = {}
    for name in names:
        model = getattr(torchvision.models, name)(weights=None).eval()
        counts[name] = crossbar_counts(model, image)
        torch.onnx.export(model, image, f"{outdir}/{name}.onnx", opset_version=13, do_constant_folding=True)
        write_batch(model, outdir, name)
    with open(f"{outdir}/torch_counts.json", "w") as out:
        json.dump(counts, out, indent=1)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:] or ["resnet18", "mobilenet_v2"])
