"""PyTorch reference for `npm run bench`: training steps per second of the same small models the
demos train with TF.js, on one CPU thread, so the bench can print TF.js / PyTorch side by side.

Usage: python3 scripts/torch_reference.py '<json spec list>'  ->  one JSON line of results.
Each spec: {"name", "kind": "vae" | "mlp-bce", "sizes" or "shape", "batch", "steps", "lr"}.
Run with Debian's python3-torch and libopenblas0-pthread (without OpenBLAS, torch falls back to
a reference BLAS about 50x slower and the ratio means nothing).
"""
import json
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)


def vae_step_fn(spec):
    d_in, hidden, latent = spec["shape"]
    enc1 = torch.nn.Linear(d_in, hidden)
    enc2 = torch.nn.Linear(hidden, 2 * latent)
    dec1 = torch.nn.Linear(latent, hidden)
    dec2 = torch.nn.Linear(hidden, d_in)
    params = [*enc1.parameters(), *enc2.parameters(), *dec1.parameters(), *dec2.parameters()]
    opt = torch.optim.Adam(params, lr=spec["lr"])
    data = (torch.rand(768, d_in) > 0.7).float()

    def step():
        x = data[torch.randint(0, data.shape[0], (spec["batch"],))]
        h = F.relu(enc1(x))
        stats = enc2(h)
        mu, log_var = stats[:, :latent], stats[:, latent:]
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        logits = dec2(F.relu(dec1(z)))
        nll = (F.softplus(logits) - x * logits).sum(1).mean()
        kl = (0.5 * (mu * mu + log_var.exp() - 1 - log_var)).sum(1).mean()
        loss = nll + kl
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    return step


def mlp_bce_step_fn(spec):
    sizes = spec["sizes"]
    layers = [torch.nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])]
    params = [p for layer in layers for p in layer.parameters()]
    opt = torch.optim.Adam(params, lr=spec["lr"])
    data = torch.rand(2000, sizes[0])
    targets = (torch.rand(2000, sizes[-1]) > 0.5).float()

    def step():
        idx = torch.randint(0, data.shape[0], (spec["batch"],))
        h = data[idx]
        for i, layer in enumerate(layers):
            h = layer(h)
            if i < len(layers) - 1:
                h = F.relu(h)
        loss = F.binary_cross_entropy_with_logits(h, targets[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    return step


def loaded_blas():
    """Which BLAS this process mapped (OpenBLAS or the slow reference one)."""
    with open("/proc/self/maps") as maps:
        names = {line.split()[-1].rsplit("/", 1)[-1] for line in maps if "blas" in line}
    return sorted(names)


def measure(spec):
    step = {"vae": vae_step_fn, "mlp-bce": mlp_bce_step_fn}[spec["kind"]](spec)
    for _ in range(30):
        step()
    start = time.perf_counter()
    for _ in range(spec["steps"]):
        step()
    return spec["steps"] / (time.perf_counter() - start)


def main():
    specs = json.loads(sys.argv[1])
    out = {"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": loaded_blas(), "results": {}}
    for spec in specs:
        out["results"][spec["name"]] = measure(spec)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
