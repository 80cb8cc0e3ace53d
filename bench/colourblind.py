"""Colour-blind and greyscale check of the status colours, and a simulated screenshot.

Simulates deuteranopia, protanopia and tritanopia (Machado, Oliveira & Fernandes 2009,
severity 1.0, applied in linear RGB) and greyscale (Rec. 709 luma) on the five status
colours every view uses (``argmap.look.STATUS_LOOKS``: chart bars and graph nodes; the badges
use the same hues), and prints, per condition, the CIELAB distance (CIE76 ΔE) of the closest pair of
statuses. ΔE above about 10 is told apart at a glance; every status also carries its own
icon and words, so colour is never the only cue. With a screenshot, writes the simulated
images next to it (``NAME-deuteranopia.png``...) to look at.

Usage: ``python bench/colourblind.py [docs/screenshot-map.png]``
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MACHADO = {
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}


def to_linear(rgb: np.ndarray) -> np.ndarray:
    c = rgb / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def to_srgb(lin: np.ndarray) -> np.ndarray:
    lin = np.clip(lin, 0, 1)
    return 255 * np.where(lin <= 0.0031308, lin * 12.92, 1.055 * lin ** (1 / 2.4) - 0.055)


def simulate(rgb: np.ndarray, condition: str) -> np.ndarray:
    """sRGB (..., 3) in 0..255 as a person with ``condition`` sees it."""
    lin = to_linear(np.asarray(rgb, dtype="float64"))
    if condition == "greyscale":
        y = lin @ np.array([0.2126, 0.7152, 0.0722])
        return to_srgb(np.repeat(y[..., None], 3, axis=-1))
    if condition == "normal":
        return np.asarray(rgb, dtype="float64")
    return to_srgb(lin @ MACHADO[condition].T)


def lab(rgb: np.ndarray) -> np.ndarray:
    lin = to_linear(np.asarray(rgb, dtype="float64"))
    xyz = lin @ np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]).T
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], axis=-1)


def hex_rgb(h: str) -> np.ndarray:
    return np.array([int(h[i:i + 2], 16) for i in (1, 3, 5)], dtype="float64")


def closest_pairs(colours: dict[str, str]) -> dict[str, tuple[float, str, str]]:
    """Per condition: (smallest ΔE, status, status)."""
    out = {}
    for cond in ("normal", "deuteranopia", "protanopia", "tritanopia", "greyscale"):
        labs = {s: lab(simulate(hex_rgb(h), cond)) for s, h in colours.items()}
        out[cond] = min((float(np.linalg.norm(labs[a] - labs[b])), a, b)
                        for a, b in itertools.combinations(labs, 2))
    return out


def main() -> None:
    from argmap.look import STATUS_LOOKS

    colours = {s: look.hex for s, look in STATUS_LOOKS.items()}
    print("closest pair of status colours (CIE76 ΔE; > 10 is told apart at a glance):")
    for cond, (de, a, b) in closest_pairs(colours).items():
        print(f"  {cond:13s} ΔE {de:5.1f}  ({a} vs {b})")
    for arg in sys.argv[1:]:
        from PIL import Image

        path = Path(arg)
        img = np.asarray(Image.open(path).convert("RGB"), dtype="float64")
        for cond in ("deuteranopia", "protanopia", "greyscale"):
            out = path.with_name(f"{path.stem}-{cond}.png")
            Image.fromarray(simulate(img, cond).round().astype("uint8")).save(out)
            print(f"wrote {out}")


if __name__ == "__main__":
    main()
