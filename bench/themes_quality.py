"""Theme suggestion quality and speed, offline.

Reads the codebook, a small tuning set and the separate labelled set in tests/themes/data/. The
tuning comments play the part of comments officers have already tagged; the threshold and floor
are tuned on them (leave-one-out), then suggestions for the labelled comments are compared with
the human coding: F1 per theme, micro and macro F1, and Cohen's kappa over every (comment, theme)
decision. Finally it times suggesting themes for N comments (default 10,000).

    .venv/bin/python bench/themes_quality.py [--suggest-n 10000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.themes import agreement, embedding, suggest  # noqa: E402

DATA = ROOT / "tests" / "themes" / "data"


def read(name: str) -> dict[str, list[tuple[set[str], str]]]:
    """form slug -> [(theme keys, comment)] from a "themes | comment" file."""
    out = {}
    for slug, lines in yaml.safe_load((DATA / name).read_text())["comments"].items():
        rows = []
        for line in lines:
            codes, text = line.split(" | ", 1)
            rows.append((set() if codes == "none" else set(codes.split("+")), text))
        out[slug] = rows
    return out


def profiles_for(keys, described, tune_rows, tune_vectors, skip=None):
    """Theme profiles from the tuning comments (optionally leaving one out)."""
    result = []
    for j, key in enumerate(keys):
        rows = [i for i, (codes, _) in enumerate(tune_rows) if key in codes and i != skip]
        result.append(suggest.ThemeProfile(key, described[j], tune_vectors[rows]))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suggest-n", type=int, default=10_000)
    args = parser.parse_args()
    codebook = yaml.safe_load((DATA / "codebook.yaml").read_text())["forms"]
    tuning, labelled = read("tuning_comments.yaml"), read("labelled_comments.yaml")
    overlap = {t for rows in tuning.values() for _, t in rows} & {
        t for rows in labelled.values() for _, t in rows
    }
    assert not overlap, f"tuning and labelled sets share comments: {overlap}"

    started = time.perf_counter()
    embedding.get_model()
    print(
        f"model {embedding.MODEL_NAME} {embedding.model_version()} "
        f"loaded in {time.perf_counter() - started:.1f}s"
    )

    per_form = {}
    for slug, book in codebook.items():
        keys = list(book["themes"])
        described = embedding.embed([f"{v['name']}. {v['description']}" for v in book["themes"].values()])
        tune_vectors = embedding.embed([t for _, t in tuning[slug]])
        test_vectors = embedding.embed([t for _, t in labelled[slug]])
        per_form[slug] = (keys, described, tune_vectors, test_vectors)
    # Tune k, threshold and floor on the tuning set only, each comment scored with itself left out.
    best = (suggest.NEAREST, suggest.THRESHOLD, suggest.FLOOR, -1.0)
    for nearest in (1, 2, 3):
        rows, truth = [], []
        for slug, (keys, described, tune_vectors, _) in per_form.items():
            for i, (codes, _) in enumerate(tuning[slug]):
                profiles = profiles_for(keys, described, tuning[slug], tune_vectors, skip=i)
                rows.append(suggest.scores(tune_vectors[i : i + 1], profiles, nearest)[0])
                truth.append({keys.index(c) for c in codes})
        threshold, floor, f1 = suggest.tune(rows, truth)
        if f1 > best[3]:
            best = (nearest, threshold, floor, f1)
    nearest, threshold, floor, tune_f1 = best
    print(
        f"tuned on {sum(len(r) for r in tuning.values())} tuning comments (leave one out): "
        f"k={nearest} threshold={threshold} floor={floor} (tuning F1 {tune_f1:.2f})"
    )
    print(f"shipped defaults: k={suggest.NEAREST} threshold={suggest.THRESHOLD} floor={suggest.FLOOR}")

    human, model = {}, {}
    all_themes = []
    for slug, (keys, described, tune_vectors, test_vectors) in per_form.items():
        profiles = profiles_for(keys, described, tuning[slug], tune_vectors)
        table = suggest.scores(test_vectors, profiles, nearest)
        names = [f"{slug}/{k}" for k in keys]
        all_themes.extend(names)
        for i, ((codes, _), row) in enumerate(zip(labelled[slug], table, strict=True)):
            human[(slug, i)] = {f"{slug}/{c}" for c in codes}
            model[(slug, i)] = {names[j] for j in suggest.choose(row, threshold, floor)}
    result = agreement.compare(human, model, all_themes)
    print(f"\nlabelled comments: {result['items']}, themes: {len(all_themes)}")
    print(f"{'theme':60} {'human':>5} {'model':>5} {'F1':>5} {'kappa':>6}")
    for row in result["themes"]:
        f1 = "-" if row.f1 is None else f"{row.f1:.2f}"
        kappa = "-" if row.kappa is None else f"{row.kappa:.2f}"
        print(f"{row.theme:60} {row.first_count:5} {row.second_count:5} {f1:>5} {kappa:>6}")
    print(
        f"micro F1 {result['micro_f1']:.3f}  macro F1 {result['macro_f1']:.3f}  "
        f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  kappa {result['kappa']:.3f}"
    )

    # Speed: suggest themes for N comments against one form's themes (embedding dominates).
    slug = "overnight-short-breaks-2019"
    keys, described, tune_vectors, _ = per_form[slug]
    pool = [t for rows in labelled.values() for _, t in rows]
    rng = random.Random(8)
    texts = [
        f"{rng.choice(pool)} {rng.choice(pool)}" if i % 3 == 0 else rng.choice(pool) + f" ({i})"
        for i in range(args.suggest_n)
    ]
    started = time.perf_counter()
    vectors = embedding.embed(texts)
    table = suggest.scores(vectors, profiles_for(keys, described, tuning[slug], tune_vectors), nearest)
    chosen = [suggest.choose(row, threshold, floor) for row in table]
    elapsed = time.perf_counter() - started
    assert len(chosen) == args.suggest_n
    print(
        f"suggested themes for {args.suggest_n} comments in {elapsed:.1f}s "
        f"on {embedding.torch_threads()} CPU threads"
    )
    scaled = elapsed * 10_000 / args.suggest_n
    print(
        f"themes: f1={result['micro_f1']:.2f} (goal >= 0.76) macro_f1={result['macro_f1']:.2f} "
        f"kappa={result['kappa']:.2f} suggest_10k_s={scaled:.0f}"
    )


if __name__ == "__main__":
    main()
