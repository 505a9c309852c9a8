#!/usr/bin/python3
"""Trains a small CNN on the shipped UCI digits with PyTorch, evaluates it in float and with
PyTorch's own int8 post-training quantization, and exports what `cimsim accuracy` needs to
evaluate the same model (tests/cli/test_cli_onnx.sh):

  OUTDIR/digits_cnn.onnx              the float model (conv 3x3 1->8, relu, conv 3x3 8->16 stride 2,
                                      relu, flatten, linear 256->10; inputs pixels / 16)
  OUTDIR/digits_cnn_test.npy          the held-out images, (N, 1, 8, 8); _test_labels.npy their classes
  OUTDIR/digits_cnn_calibration.npy   256 training images, the batch both quantize their activations on
  OUTDIR/digits_cnn_torch.json        PyTorch's float and int8 test accuracy

PyTorch's int8 scheme is the one cimsim uses (accuracy/README.md): per-tensor symmetric int8
weights, unsigned 8-bit activations with zero point 0 scaled to the largest value seen on the
calibration batch (min-max observers), float bias. Seeded: the same files on every run.

Usage: /usr/bin/python3 scripts/export_digits_cnn.py OUTDIR   (python3-torch, python3-numpy)
"""
import gzip
import json
import os
import sys

import numpy
import torch
import torch.ao.quantization as quantization

DIGITS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "workloads", "data", "digits.csv.gz")


def load_digits():
    rows = numpy.loadtxt(gzip.open(DIGITS, "rt"), delimiter=",")
    return (rows[:, :64] / 16.0).astype(numpy.float32).reshape(-1, 1, 8, 8), rows[:, 64].astype(numpy.int64)


def stratified_split(labels, test_fraction, rng):
    """25% of each class held out."""
    test = []
    for c in range(10):
        members = rng.permutation(numpy.flatnonzero(labels == c))
        test.extend(members[: int(round(test_fraction * len(members)))])
    test = numpy.sort(numpy.array(test))
    return numpy.setdiff1d(numpy.arange(len(labels)), test), test


class DigitsCnn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.quant, self.dequant = quantization.QuantStub(), quantization.DeQuantStub()
        self.conv1, self.relu1 = torch.nn.Conv2d(1, 8, 3, padding=1), torch.nn.ReLU()
        self.conv2, self.relu2 = torch.nn.Conv2d(8, 16, 3, stride=2, padding=1), torch.nn.ReLU()
        self.fc = torch.nn.Linear(256, 10)

    def forward(self, x):
        x = self.relu1(self.conv1(self.quant(x)))
        x = self.relu2(self.conv2(x))
        return self.dequant(self.fc(torch.flatten(x, 1)))


def train(model, images, labels):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    generator = torch.Generator().manual_seed(1)
    for _ in range(40):
        for batch in torch.randperm(len(labels), generator=generator).split(32):
            optimizer.zero_grad()
            torch.nn.functional.cross_entropy(model(images[batch]), labels[batch]).backward()
            optimizer.step()


def accuracy(model, images, labels):
    with torch.no_grad():
        return float((model(images).argmax(dim=1) == labels).float().mean())


def int8_model(model, calibration):
    """PyTorch's eager-mode static quantization with cimsim's scheme."""
    torch.backends.quantized.engine = "qnnpack" if "qnnpack" in torch.backends.quantized.supported_engines else "onednn"
    quantized = DigitsCnn()
    quantized.load_state_dict(model.state_dict())
    quantized.eval()
    quantized.qconfig = quantization.QConfig(
        activation=quantization.MinMaxObserver.with_args(dtype=torch.quint8, qscheme=torch.per_tensor_affine),
        weight=quantization.MinMaxObserver.with_args(dtype=torch.qint8, qscheme=torch.per_tensor_symmetric))
    quantization.fuse_modules(quantized, [["conv1", "relu1"], ["conv2", "relu2"]], inplace=True)
    quantization.prepare(quantized, inplace=True)
    with torch.no_grad():
        quantized(calibration)
    return quantization.convert(quantized)


def main(outdir):
    torch.manual_seed(0)
    images, labels = load_digits()
    train_rows, test_rows = stratified_split(labels, 0.25, numpy.random.RandomState(1797))
    x_train, y_train = torch.from_numpy(images[train_rows]), torch.from_numpy(labels[train_rows])
    x_test, y_test = torch.from_numpy(images[test_rows]), torch.from_numpy(labels[test_rows])
    model = DigitsCnn()
    train(model, x_train, y_train)
    model.eval()
    calibration = x_train[:256]
    result = {"float_accuracy": accuracy(model, x_test, y_test),
              "int8_accuracy": accuracy(int8_model(model, calibration), x_test, y_test),
              "test_images": len(test_rows), "engine": torch.backends.quantized.engine}
    torch.onnx.export(model, x_test[:1], f"{outdir}/digits_cnn.onnx", opset_version=13)
    numpy.save(f"{outdir}/digits_cnn_test.npy", x_test.numpy())
    numpy.save(f"{outdir}/digits_cnn_test_labels.npy", y_test.numpy())
    numpy.save(f"{outdir}/digits_cnn_calibration.npy", calibration.numpy())
    with open(f"{outdir}/digits_cnn_torch.json", "w") as out:
        json.dump(result, out, indent=1)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
