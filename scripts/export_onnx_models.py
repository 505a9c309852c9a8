#!/usr/bin/python3
"""Exports torchvision models (random weights: nothing is downloaded) to OUTDIR/NAME.onnx, by default
resnet18 and mobilenet_v2 (or token_mlp, a transformer's feed-forward block on 8 tokens), and writes OUTDIR/torch_counts.json: each model's conv and linear weights
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


def token_mlp():
    """A transformer's feed-forward block on 8 tokens of 32 features: Linear, LayerNorm, GELU, Linear.
    At opset 13 PyTorch writes the layer norm and GELU decomposed (ReduceMean ... and Div/Erf/Mul)."""
    return torch.nn.Sequential(torch.nn.Linear(32, 64), torch.nn.LayerNorm(64), torch.nn.GELU(), torch.nn.Linear(64, 16))


# Models that are not torchvision's: name -> (constructor, input shape of one image).
CUSTOM = {"token_mlp": (token_mlp, (1, 8, 32))}


def write_batch(model, outdir, name, shape):
    """A seeded batch, PyTorch's float outputs for it and the top-1 class of each image."""
    batch = torch.randn(4, *shape[1:], generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        outputs = model(batch)
    numpy.save(f"{outdir}/{name}_inputs.npy", batch.numpy())
    numpy.save(f"{outdir}/{name}_outputs.npy", outputs.numpy())
    numpy.save(f"{outdir}/{name}_labels.npy", outputs.reshape(4, -1).argmax(dim=1).numpy())


def main(outdir, names):
    torch.manual_seed(0)
    image = torch.randn(1, 3, 224, 224)
    counts = {}
    for name in names:
        make, shape = CUSTOM.get(name, (lambda: getattr(torchvision.models, name)(weights=None), (1, 3, 224, 224)))
        model = make().eval()
        one = image if shape == (1, 3, 224, 224) else torch.randn(*shape)
        counts[name] = crossbar_counts(model, one)
        torch.onnx.export(model, one, f"{outdir}/{name}.onnx", opset_version=13, do_constant_folding=True)
        write_batch(model, outdir, name, shape)
    with open(f"{outdir}/torch_counts.json", "w") as out:
        json.dump(counts, out, indent=1)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:] or ["resnet18", "mobilenet_v2"])
