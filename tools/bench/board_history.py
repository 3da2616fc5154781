"""Writes an import CSV shaped like a real Board's history over decades.

A couple of hundred parties (forces, fire services, other bodies) and as many
collaborations as the row budget allows, each of 20 to 50 members who enter
over the years; some give notice and leave, some come back later. Rows are in
the order a clerk would have recorded them (SPEC section 4 columns).

    python3 board_history.py ROWS OUT.csv [--seed N]

Deterministic for a seed, so two runs build the same ledger.
"""
import argparse
import csv
import random


def day(year, month, d=1):
    return f"{year:04d}-{month:02d}-{d:02d}"


def rows(total, seed):
    rng = random.Random(seed)
    parties = [f"P{i:03d}" for i in range(200)]
    yield ["action", "collaboration", "party", "decided", "effective", "minute", "name", "note"]
    count = 1
    for p in parties:
        yield ["party", "", p, "", "", "", f"Party {p}", ""]
        count += 1
    c = 0
    while count < total:
        c += 1
        collab = f"C{c:06d}"
        start = rng.randint(1995, 2015)
        yield ["establish", collab, "", day(start - 1, 12), day(start, 4), f"B/{start}/{c}",
               f"Collaboration {c}", ""]
        count += 1
        for p in rng.sample(parties, rng.randint(20, 50)):
            if count >= total:
                return
            year = rng.randint(start, 2020)
            yield ["enter", collab, p, day(year - 1, 12), day(year, 4), "", "", ""]
            count += 1
            if rng.random() < 0.4 and count + 2 <= total:  # gives notice and leaves
                left = rng.randint(year + 1, 2024)
                yield ["notice", collab, p, day(left - 1, 4), day(left, 4), "", "", ""]
                yield ["withdraw", collab, p, day(left, 3), day(left, 4), "", "", ""]
                count += 2
                if rng.random() < 0.3 and left < 2024 and count < total:  # comes back
                    back = rng.randint(left + 1, 2025)
                    yield ["enter", collab, p, day(back - 1, 12), day(back, 4), "", "", ""]
                    count += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with open(args.out, "w", newline="") as f:
        csv.writer(f).writerows(rows(args.rows, args.seed))


if __name__ == "__main__":
    main()
