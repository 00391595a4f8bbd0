"""Aligning two sequences of units (paragraphs, headings, footnotes, annex blocks) by their text.

Five passes, each on what the ones before left unmatched:

1. the same text (up to typesetting) on both sides, paired in order: renumbered and moved
   paragraphs are found here, whatever their numbers;
2. the longest chain of those pairs that keeps the order of both documents (weighted by count,
   then by length) anchors the rest; between two anchors, units are paired by similarity;
3. what is still alone on both sides is paired across the documents when similar enough (a
   paragraph moved and changed);
4. a unit that matches two or more neighbours on the other side taken together better than
   any one of them is a split (old -> several new) or a merge (several old -> new);
5. pairs outside the longest in-order chain of all pairs are moves.

Similarity is words.similarity; the thresholds were set on constructed edits of real
resolutions (tests/diff/test_accuracy.py).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from resolution_cli.diff.words import Bag, containment, similarity

GAP_THRESHOLD = 0.5  # two units between the same anchors pair from this similarity up
ALONE_THRESHOLD = 0.35  # ... or from this one when each is the only unit of its gap
MOVE_THRESHOLD = 0.6  # two units anywhere in the documents (a move that also changed)
GROUP_THRESHOLD = 0.8  # a split's parts, or a merge's, must give back this much of the whole
GROUP_GAIN = 0.1  # ... and do better than the best single part by this much (or by half what it lacks)
PART_CONTAINED = 0.75  # each part of a split (or merge) must come this much from the whole


@dataclass(frozen=True, slots=True)
class Item:
    """What the aligner sees of a unit: its compatibility class and the bag of its words."""

    kind: str  # only items of the same kind are paired ("paragraph:operative", "heading" ...)
    bag: Bag
    length: int  # characters, to weigh long paragraphs over short ones when order is ambiguous


@dataclass(frozen=True, slots=True)
class Match:
    """Old items `old` correspond to new items `new` (one of the two may be empty)."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    score: float = 1.0
    moved: bool = False


@dataclass(slots=True)
class _State:
    old: Sequence[Item]
    new: Sequence[Item]
    pairs: dict[int, int] = field(default_factory=dict)  # old index -> new index
    scores: dict[int, float] = field(default_factory=dict)  # old index -> similarity

    def pair(self, i: int, j: int, score: float) -> None:
        self.pairs[i] = j
        self.scores[i] = score

    def free_new(self) -> set[int]:
        return set(range(len(self.new))) - set(self.pairs.values())

    def free_old(self) -> set[int]:
        return set(range(len(self.old))) - set(self.pairs)


def align(old: Sequence[Item], new: Sequence[Item]) -> list[Match]:
    """The matches between `old` and `new`, in the new sequence's order (deleted items placed
    after the item that preceded them in the old one)."""
    state = _State(old, new)
    _pair_identical(state)
    anchors = _chain(sorted(state.pairs.items()), old)
    _pair_between_anchors(state, anchors)
    _pair_alone(state)
    splits = _groups(state.old, state.new, state.pairs, state.scores)
    inverse = {j: i for i, j in state.pairs.items()}
    inverse_scores = {j: state.scores[i] for i, j in state.pairs.items()}
    merges = _groups(state.new, state.old, inverse, inverse_scores)
    return _matches(state, splits, merges)


# -- passes ----------------------------------------------------------------------------------------


def _pair_identical(state: _State) -> None:
    waiting: dict[tuple[str, str], deque[int]] = defaultdict(deque)
    for j, item in enumerate(state.new):
        waiting[(item.kind, item.bag.folded)].append(j)
    for i, item in enumerate(state.old):
        queue = waiting.get((item.kind, item.bag.folded))
        if queue:
            state.pair(i, queue.popleft(), 1.0)


def _chain(pairs: list[tuple[int, int]], old: Sequence[Item]) -> list[tuple[int, int]]:
    """The heaviest chain of (old, new) pairs increasing on both sides: the most pairs, and of
    chains as long, the one with the most text (a long paragraph stays, a short one moves).
    `pairs` sorted by old index; a Fenwick tree over new indices keeps it O(n log n)."""
    if not pairs:
        return []
    size = max(j for _, j in pairs) + 2
    tree: list[tuple[int, int]] = [(0, -1)] * (size + 1)  # (best chain weight, its last pair)
    back = [-1] * len(pairs)
    best = [0] * len(pairs)
    for k, (i, j) in enumerate(pairs):
        before = _prefix_best(tree, j)  # the best chain over new indices < j
        best[k], back[k] = before[0] + 1_000_000 + old[i].length, before[1]
        _raise(tree, j + 1, (best[k], k))
    k = max(range(len(pairs)), key=lambda n: best[n])
    out: list[tuple[int, int]] = []
    while k != -1:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def _prefix_best(tree: list[tuple[int, int]], position: int) -> tuple[int, int]:
    best = (0, -1)
    while position > 0:
        best = max(best, tree[position])
        position -= position & -position
    return best


def _raise(tree: list[tuple[int, int]], position: int, value: tuple[int, int]) -> None:
    while position < len(tree):
        tree[position] = max(tree[position], value)
        position += position & -position


def _pair_between_anchors(state: _State, anchors: list[tuple[int, int]]) -> None:
    bounds = [(-1, -1), *anchors, (len(state.old), len(state.new))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        olds = [i for i in range(i0 + 1, i1) if i not in state.pairs]
        news = [j for j in range(j0 + 1, j1) if j not in state.pairs.values()]
        if not olds or not news:
            continue
        alone = len(olds) == 1 and len(news) == 1
        _pair_greedily(state, olds, news, ALONE_THRESHOLD if alone else GAP_THRESHOLD)


def _pair_alone(state: _State) -> None:
    olds, news = sorted(state.free_old()), sorted(state.free_new())
    if olds and news:
        _pair_greedily(state, olds, news, MOVE_THRESHOLD)


def _pair_greedily(state: _State, olds: list[int], news: list[int], threshold: float) -> None:
    """Pairs the most similar first; of equally similar candidates, those whose places in their
    runs agree best."""
    candidates: list[tuple[float, float, int, int]] = []
    for a, i in enumerate(olds):
        old = state.old[i]
        for b, j in enumerate(news):
            new = state.new[j]
            if old.kind != new.kind or not _could_reach(old.bag, new.bag, threshold):
                continue
            score = similarity(old.bag, new.bag)
            if score >= threshold:
                offset = abs(a / len(olds) - b / len(news))
                candidates.append((-score, offset, i, j))
    taken_new: set[int] = set()
    for negative, _, i, j in sorted(candidates):
        if i not in state.pairs and j not in taken_new:
            state.pair(i, j, -negative)
            taken_new.add(j)


def _could_reach(a: Bag, b: Bag, threshold: float) -> bool:
    """False when the sizes alone rule out a similarity of `threshold` (a cheap first cut)."""
    small, large = sorted((a.size, b.size))
    if large < 8:  # short texts are compared by characters
        small, large = sorted((len(a.folded), len(b.folded)))
    return large == 0 or 2 * small / (small + large) >= threshold


# -- splits and merges -----------------------------------------------------------------------------


def _groups(
    whole: Sequence[Item], parts: Sequence[Item], pairs: dict[int, int], scores: dict[int, float]
) -> dict[int, tuple[int, ...]]:
    """Units of `whole` that became two or more consecutive units of `parts`: whole index -> the
    parts. `pairs` maps whole -> part (one to one); parts taken by a group are unpaired from
    others. Called with old, new for splits and new, old for merges."""
    taken = set(pairs.values())
    groups: dict[int, tuple[int, ...]] = {}
    for w, item in enumerate(whole):
        start = pairs.get(w)
        if start is not None:
            group, score = _grow(item, parts, (start,), scores.get(w, 0.0), taken)
        else:
            group, score = _best_free_run(item, parts, taken)
        if len(group) > 1 and score >= GROUP_THRESHOLD:
            groups[w] = group
            taken.update(group)
    return groups


def _grow(
    item: Item, parts: Sequence[Item], group: tuple[int, ...], score: float, taken: set[int]
) -> tuple[tuple[int, ...], float]:
    """Adds free neighbours on either side while the group's likeness to `item` grows enough."""
    while True:
        best: tuple[tuple[int, ...], float] | None = None
        for candidate in (group[0] - 1, group[-1] + 1):
            if not 0 <= candidate < len(parts) or candidate in taken or parts[candidate].kind != item.kind:
                continue
            if containment(parts[candidate].bag, item.bag) < PART_CONTAINED:
                continue
            trial = tuple(sorted((*group, candidate)))
            trial_score = similarity(item.bag, _joined(parts, trial))
            gain = min(GROUP_GAIN, (1 - score) / 2)  # a short part added to a long whole gains little
            if trial_score > score + gain and (best is None or trial_score > best[1]):
                best = (trial, trial_score)
        if best is None:
            return group, score
        group, score = best


def _best_free_run(item: Item, parts: Sequence[Item], taken: set[int]) -> tuple[tuple[int, ...], float]:
    """For a unit that matched nothing: the best run of free consecutive parts it became."""
    best: tuple[tuple[int, ...], float] = ((), 0.0)
    for start in range(len(parts)):
        if start in taken or parts[start].kind != item.kind:
            continue
        if containment(parts[start].bag, item.bag) < PART_CONTAINED:
            continue
        group, score = _grow(item, parts, (start,), 0.0, taken)
        if len(group) > 1 and score > best[1]:
            best = (group, score)
    return best


def _joined(items: Sequence[Item], indices: tuple[int, ...]) -> Bag:
    bags = [items[k].bag for k in indices]
    counts = bags[0].counts.copy()
    for bag in bags[1:]:
        counts.update(bag.counts)
    return Bag(counts, sum(b.size for b in bags), " ".join(b.folded for b in bags))


# -- the result ------------------------------------------------------------------------------------


def _matches(state: _State, splits: dict[int, tuple[int, ...]], merges: dict[int, tuple[int, ...]]) -> list[Match]:
    grouped_old = {i for group in merges.values() for i in group} | set(splits)
    grouped_new = {j for group in splits.values() for j in group} | set(merges)
    matches = [Match((i,), group) for i, group in splits.items()]
    matches += [Match(group, (j,)) for j, group in merges.items()]
    matches += [
        Match((i,), (j,), state.scores[i])
        for i, j in state.pairs.items()
        if i not in grouped_old and j not in grouped_new
    ]
    chain = set(_chain(sorted((m.old[0], m.new[0]) for m in matches), _lengths(state.old, matches)))
    matches = [
        Match(m.old, m.new, m.score if len(m.old) == len(m.new) == 1 else 1.0, (m.old[0], m.new[0]) not in chain)
        for m in matches
    ]
    paired_old = {i for m in matches for i in m.old}
    paired_new = {j for m in matches for j in m.new}
    matches += [Match((i,), ()) for i in range(len(state.old)) if i not in paired_old]
    matches += [Match((), (j,)) for j in range(len(state.new)) if j not in paired_new]
    return _in_reading_order(matches)


def _lengths(old: Sequence[Item], matches: list[Match]) -> Sequence[Item]:
    """Old items with each group's length summed into its first item (for the chain's weights)."""
    items = list(old)
    for m in matches:
        if len(m.old) > 1:
            first = old[m.old[0]]
            items[m.old[0]] = Item(first.kind, first.bag, sum(old[i].length for i in m.old))
    return items


def _in_reading_order(matches: list[Match]) -> list[Match]:
    """New order; a deleted item right after the (unmoved) item that came before it in the old."""
    placed = sorted((m for m in matches if m.new), key=lambda m: m.new[0])
    position_of_old: dict[int, int] = {}
    for position, m in enumerate(placed):
        if not m.moved:
            for i in m.old:
                position_of_old[i] = position
    keyed: list[tuple[float, int, Match]] = [(float(p), 0, m) for p, m in enumerate(placed)]
    known = sorted(position_of_old)
    for m in (m for m in matches if not m.new):
        i = m.old[0]
        before = bisect_left(known, i) - 1
        after = position_of_old[known[before]] if before >= 0 else -1
        keyed.append((after + 0.5, i, m))
    return [m for _, _, m in sorted(keyed, key=lambda k: (k[0], k[1]))]
