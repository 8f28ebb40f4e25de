"""The learned part of the tagger: relevance and event type from words and lexicon findings.

Features of an item: TF-IDF word 1-2-grams and character 3-5-grams of its title and summary
(folded: lower case, no accents), plus the lexicon's and the vocabularies' findings (event
cue scores per type, customer-service words, a social platform, a service channel, a brand
named). Two logistic regressions read them: relevant or not (its score calibrated into a
probability on held-out folds of the training data, Platt scaling) and, for relevant items,
the event type. Both are linear, so every decision splits into the contributions of the
words that produced it: those are its evidence.

The model ships as data/curation/model.json (coefficients, vocabularies, the hash of the
data it was trained on); `python -m curation.train` rebuilds it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from curation import DATA_DIR
from curation.evidence import Evidence
from curation.lexicon import best_key
from curation.text import fold, snippet

if TYPE_CHECKING:
    from curation.tagger import Signals

FEATURE_VERSION = "m1"  # change when features or training change, so old models are refused
MODEL_FILE = DATA_DIR / "model.json"
SUMMARY_CHARS = 600  # characters of the full text read when an item has no summary
THRESHOLD = 0.5  # calibrated relevance at which an item is relevant
C_RELEVANCE = 10.0  # inverse regularisation strength of the relevance regression
C_EVENT = 10.0  # and of the event-type regression
FOLDS = 5  # folds of the training data whose held-out scores calibrate relevance
SEED = 0
EVIDENCE_WORDS = 5  # words or phrases named per decision
EVIDENCE_FEATURES = 3  # and lexicon or vocabulary features
WORD_SETTINGS = {"analyzer": "word", "ngram_range": (1, 2), "min_df": 2, "sublinear_tf": True}
CHAR_SETTINGS = {
    "analyzer": "char_wb",
    "ngram_range": (3, 5),
    "min_df": 2,
    "sublinear_tf": True,
    "max_features": 20000,
}
TOKEN = r"(?u)\b\w+\b"
LEXICAL = ("cue:", "cue-best:", "vocab:")  # names of the lexicon and vocabulary features
_EDGE = re.compile(r"^\W+|\W+$")


class ModelError(RuntimeError):
    """The shipped model cannot be used (missing, unreadable or from another feature set)."""


def model_text(fields: dict[str, str]) -> str:
    """The text the model reads: title, then summary (or the start of the full text)."""
    rest = fields.get("summary") or (fields.get("text") or "")[:SUMMARY_CHARS]
    return f"{fields.get('title', '')}\n{rest}"


def dense_names(event_keys: list[str]) -> list[str]:
    return (
        [f"cue:{key}" for key in event_keys]
        + [f"cue-best:{key}" for key in event_keys]
        + [
            "cue:service",
            "cue:unbacked-event",
            "vocab:social-platform",
            "vocab:website",
            "vocab:channel",
            "vocab:brand",
        ]
    )


def dense_row(found: Signals, event_keys: list[str], needs_service: list[str]) -> list[float]:
    """The lexicon's and vocabularies' findings as numbers in [0, 1].

    `cue:TYPE` is the strength of the event cues of each type, `cue-best:TYPE` marks the
    type the lexicon's own rule picks (with its priorities), `cue:unbacked-event` an event
    cue that needs service words and has none ("stores open 8am to 10pm").
    """
    scores = found.event_scores
    best = best_key(scores, event_keys)
    hits = found.read_hits
    social = hits["social-platform"]
    backed = found.service_score > 0 or hits["channel"] or social
    return (
        [min(scores.get(key, 0.0) / 2, 1.0) for key in event_keys]
        + [1.0 if key == best else 0.0 for key in event_keys]
        + [
            min(found.service_score / 2, 1.0),
            1.0 if best in needs_service and not backed else 0.0,
            1.0 if social else 0.0,
            1.0 if hits["website"] else 0.0,
            1.0 if hits["channel"] else 0.0,
            1.0 if hits["brand"] else 0.0,
        ]
    )


def _vectorizer(settings: dict, vocabulary: list[str] | None = None) -> TfidfVectorizer:
    kwargs = dict(settings, preprocessor=fold, dtype=np.float64)
    if settings["analyzer"] == "word":
        kwargs["token_pattern"] = TOKEN
    if vocabulary is not None:
        kwargs.pop("max_features", None)
        kwargs.pop("min_df", None)
        kwargs["vocabulary"] = {term: index for index, term in enumerate(vocabulary)}
    return TfidfVectorizer(**kwargs)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


@dataclass
class Decision:
    """The model's decision on one item."""

    relevant: bool
    relevance: float
    event_type: str | None  # for relevant items only
    event_guess: str  # the most likely event type, whatever the relevance
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Model:
    """Fitted vectorizers and coefficients (see the module docstring)."""

    word: TfidfVectorizer
    char: TfidfVectorizer
    event_keys: list[str]  # lexicon event types, in the order of the dense features
    needs_service: list[str]  # lexicon event types that need service words (cues.yaml)
    relevance_coef: np.ndarray
    relevance_intercept: float
    calibration: tuple[float, float]  # probability = sigmoid(a * score + b)
    event_classes: list[str]
    event_coef: np.ndarray  # classes x features
    event_intercept: np.ndarray
    data_hash: str
    trained_on: dict = field(default_factory=dict)
    threshold: float = THRESHOLD

    # -- features

    def matrix(self, found: list[Signals]) -> sparse.csr_matrix:
        texts = [model_text(f.fields) for f in found]
        dense = np.array(
            [dense_row(f, self.event_keys, self.needs_service) for f in found], dtype=np.float64
        )
        return sparse.hstack(
            [
                self.word.transform(texts),
                self.char.transform(texts),
                sparse.csr_matrix(dense.reshape(len(found), -1)),
            ],
            format="csr",
        )

    # -- decisions

    def scores(self, x: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(relevance probabilities, raw relevance scores, event-type probabilities)."""
        raw = x @ self.relevance_coef + self.relevance_intercept
        a, b = self.calibration
        logits = x @ self.event_coef.T + self.event_intercept
        logits -= logits.max(axis=1, keepdims=True)
        event = np.exp(logits)
        event /= event.sum(axis=1, keepdims=True)
        return _sigmoid(a * raw + b), raw, event

    def decide(self, found: list[Signals], explain: bool = True) -> list[Decision]:
        if not found:
            return []
        x = self.matrix(found)
        probability, raw, event = self.scores(x)
        decisions = []
        for index, item in enumerate(found):
            p = round(float(probability[index]), 3)  # as shown, so relevant == (shown >= 0.5)
            relevant = p >= self.threshold
            best = int(np.argmax(event[index]))
            guess = self.event_classes[best]
            decision = Decision(relevant, p, guess if relevant else None, guess)
            if explain:
                decision.evidence = self._evidence(
                    item, _row(x, index), p, float(raw[index]), best, float(event[index, best])
                )
            decisions.append(decision)
        return decisions

    # -- evidence

    def _evidence(
        self,
        found: Signals,
        row: tuple[np.ndarray, np.ndarray],
        p: float,
        raw: float,
        best: int,
        q: float,
    ) -> list[Evidence]:
        """Two summary entries (relevance, event type), then what drove each."""
        relevant = p >= self.threshold
        verdict = "relevant" if relevant else "not relevant"
        side = "for" if relevant else "against"
        coefs = [self.relevance_coef] + ([self.event_coef[best]] if relevant else [])
        contributions = self._contributions(found, row, coefs)
        top = _top(contributions[0], toward=relevant)
        summary = [
            Evidence(
                "relevance",
                f"{p:.3f}",
                "all",
                _named(top),
                f"model {self.data_hash[:12]}: score {raw:+.2f}, calibrated {p:.3f}, "
                f"{verdict} at >= {self.threshold:g}; most {side}: {_named(top)}",
            )
        ]
        details = [self._word_evidence("relevance", verdict, found, n, w) for n, w in top]
        if relevant:
            label = self.event_classes[best]
            top = _top(contributions[1], toward=True)
            summary.append(
                Evidence(
                    "event_type",
                    label,
                    "all",
                    _named(top),
                    f"model: probability {q:.2f}; most for: {_named(top)}",
                )
            )
            details += [self._word_evidence("event_type", label, found, n, w) for n, w in top]
        return summary + details

    def _word_evidence(
        self, tag: str, value: str, found: Signals, name: str, weight: float
    ) -> Evidence:
        side = "for" if weight > 0 else "against"
        if name.startswith(LEXICAL):
            what = "vocabulary hit" if name.startswith("vocab:") else "lexicon cues"
            return Evidence(
                tag, value, "all", name, f"{what} '{name}' {side} ({weight:+.2f})", weight
            )
        where, text = _locate(found.fields, name)
        return Evidence(tag, value, where, text, f"words '{name}' {side} ({weight:+.2f})", weight)

    def _contributions(
        self, found: Signals, row: tuple[np.ndarray, np.ndarray], coefs: list[np.ndarray]
    ) -> list[dict[str, float]]:
        """For each coefficient vector, the contribution of each word, phrase and feature.

        A character n-gram's contribution is shared among the words it occurs in (by
        count), so the evidence names words, not fragments.
        """
        indices, data = row
        n_word = len(self.word.vocabulary_)
        n_char = len(self.char.vocabulary_)
        values = np.vstack([data * coef[indices] for coef in coefs])  # coefs x nonzeros
        names = self._word_names()
        dense = dense_names(self.event_keys)
        is_word = indices < n_word
        is_dense = indices >= n_word + n_char
        is_char = ~is_word & ~is_dense
        out: list[dict[str, float]] = [{} for _ in coefs]
        for k, total in enumerate(out):
            for j, c in zip(indices[is_word].tolist(), values[k, is_word].tolist(), strict=True):
                total[names[j]] = total.get(names[j], 0.0) + c
            for j, c in zip(indices[is_dense].tolist(), values[k, is_dense].tolist(), strict=True):
                total[dense[j - n_word - n_char]] = c
        if not is_char.any():
            return out
        position = {j: n for n, j in enumerate((indices[is_char] - n_word).tolist())}
        char_values = values[:, is_char]
        tokens = fold(model_text(found.fields)).split()
        token_of, gram_of = [], []
        for t, token in enumerate(tokens):
            for g in self._token_grams(token):
                if g in position:
                    token_of.append(t)
                    gram_of.append(position[g])
        if not gram_of:
            return out
        token_of, gram_of = np.array(token_of), np.array(gram_of)
        counts = np.bincount(gram_of, minlength=char_values.shape[1])
        for k, total in enumerate(out):
            shares = np.bincount(
                token_of, weights=char_values[k, gram_of] / counts[gram_of], minlength=len(tokens)
            )
            for t in np.flatnonzero(shares).tolist():
                word = _EDGE.sub("", tokens[t])
                if word:
                    total[word] = total.get(word, 0.0) + float(shares[t])
        return out

    def _token_grams(self, token: str) -> tuple[int, ...]:
        """Indices of the character n-grams of one whitespace-separated (folded) token."""
        cache = self.__dict__.setdefault("_grams", {})
        found = cache.get(token)
        if found is None:
            analyze = self.__dict__.get("_analyze") or self.char.build_analyzer()
            self.__dict__["_analyze"] = analyze
            vocabulary = self.char.vocabulary_
            found = tuple(vocabulary[g] for g in analyze(token) if g in vocabulary)
            if len(cache) < 200000:
                cache[token] = found
        return found

    def _word_names(self) -> list[str]:
        names = self.__dict__.get("_names")
        if names is None:
            names = list(self.word.get_feature_names_out())
            self.__dict__["_names"] = names
        return names

    # -- storage

    def to_json(self) -> dict:
        def rounded(values) -> list:
            return [float(f"{v:.5g}") for v in np.asarray(values).ravel()]

        return {
            "feature_version": FEATURE_VERSION,
            "data_hash": self.data_hash,
            "trained_on": self.trained_on,
            "threshold": self.threshold,
            "event_keys": self.event_keys,
            "needs_service": self.needs_service,
            "word_vocabulary": list(self.word.get_feature_names_out()),
            "word_idf": rounded(self.word.idf_),
            "char_vocabulary": list(self.char.get_feature_names_out()),
            "char_idf": rounded(self.char.idf_),
            "relevance": {
                "coef": rounded(self.relevance_coef),
                "intercept": float(f"{self.relevance_intercept:.5g}"),
                "calibration": [float(f"{v:.5g}") for v in self.calibration],
            },
            "event": {
                "classes": self.event_classes,
                "coef": [rounded(row) for row in self.event_coef],
                "intercept": rounded(self.event_intercept),
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> Model:
        if data.get("feature_version") != FEATURE_VERSION:
            raise ModelError(
                f"model has feature version {data.get('feature_version')!r}, the code "
                f"{FEATURE_VERSION!r}; run `invoke train`"
            )
        word = _vectorizer(WORD_SETTINGS, data["word_vocabulary"])
        word.idf_ = np.array(data["word_idf"], dtype=np.float64)
        char = _vectorizer(CHAR_SETTINGS, data["char_vocabulary"])
        char.idf_ = np.array(data["char_idf"], dtype=np.float64)
        return cls(
            word=word,
            char=char,
            event_keys=list(data["event_keys"]),
            needs_service=list(data["needs_service"]),
            relevance_coef=np.array(data["relevance"]["coef"], dtype=np.float64),
            relevance_intercept=float(data["relevance"]["intercept"]),
            calibration=tuple(data["relevance"]["calibration"]),
            event_classes=list(data["event"]["classes"]),
            event_coef=np.array(data["event"]["coef"], dtype=np.float64),
            event_intercept=np.array(data["event"]["intercept"], dtype=np.float64),
            data_hash=data["data_hash"],
            trained_on=dict(data.get("trained_on") or {}),
            threshold=float(data.get("threshold", THRESHOLD)),
        )


def _row(x: sparse.csr_matrix, index: int) -> tuple[np.ndarray, np.ndarray]:
    start, end = x.indptr[index], x.indptr[index + 1]
    return x.indices[start:end], x.data[start:end]


def _top(contributions: dict[str, float], toward: bool) -> list[tuple[str, float]]:
    """The words or phrases, then the lexicon features, that pushed most toward a side."""
    sign = 1.0 if toward else -1.0
    ranked = sorted(contributions.items(), key=lambda kv: (-sign * kv[1], kv[0]))
    ranked = [(name, round(c, 3)) for name, c in ranked if sign * c > 0]
    lexical = [(n, c) for n, c in ranked if n.startswith(LEXICAL)]
    words = [(n, c) for n, c in ranked if not n.startswith(LEXICAL)]
    return words[:EVIDENCE_WORDS] + lexical[:EVIDENCE_FEATURES]


def _named(top: list[tuple[str, float]]) -> str:
    return ", ".join(f"'{name}' {weight:+.2f}" for name, weight in top) or "nothing"


@lru_cache(maxsize=50000)
def _phrase_pattern(phrase: str) -> re.Pattern:
    parts = [re.escape(p) for p in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\W+".join(parts) + r"(?!\w)")


def _locate(fields: dict[str, str], phrase: str) -> tuple[str, str]:
    """The first field that holds `phrase` (folded words) and its words as written there."""
    if not phrase.split():
        return "all", phrase
    pattern = _phrase_pattern(phrase)
    for name in ("title", "summary", "text"):
        text = fields.get(name) or ""
        match = pattern.search(fold(text))
        if match:
            return name, snippet(text, match.start(), match.end(), margin=0)
    # a word of the full text read as the summary's stand-in, or split differently
    return ("summary" if fields.get("summary") else "text"), phrase


# -- training


def fit(
    found: list[Signals],
    relevant: list[bool],
    events: list[str | None],
    event_keys: list[str],
    needs_service: list[str],
    data_hash: str,
    calibrate: bool = True,
) -> Model:
    """A model trained on the signals of labelled items; deterministic for the same input."""
    texts = [model_text(f.fields) for f in found]
    word = _vectorizer(WORD_SETTINGS)
    char = _vectorizer(CHAR_SETTINGS)
    x = sparse.hstack(
        [
            word.fit_transform(texts),
            char.fit_transform(texts),
            sparse.csr_matrix(np.array([dense_row(f, event_keys, needs_service) for f in found])),
        ],
        format="csr",
    )
    y = np.array(relevant, dtype=int)
    relevance = _regression(C_RELEVANCE).fit(x, y)
    calibration = (1.0, 0.0)
    if calibrate and min(np.bincount(y, minlength=2)) >= FOLDS:
        folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
        held_out = cross_val_predict(
            _regression(C_RELEVANCE), x, y, cv=folds, method="decision_function"
        )
        platt = LogisticRegression(C=1e4, max_iter=1000).fit(held_out.reshape(-1, 1), y)
        calibration = (float(platt.coef_[0, 0]), float(platt.intercept_[0]))
    keep = [i for i, (r, e) in enumerate(zip(relevant, events, strict=True)) if r and e]
    labels = sorted({events[i] for i in keep})
    if len(labels) >= 2:
        event = _regression(C_EVENT).fit(x[keep], [events[i] for i in keep])
        event_classes = [str(c) for c in event.classes_]
        event_coef, event_intercept = event.coef_, event.intercept_
        if len(event_classes) == 2:  # one score for two classes: softmax of -z/2, z/2
            event_coef = np.vstack([-event_coef[0] / 2, event_coef[0] / 2])
            event_intercept = np.array([-event_intercept[0] / 2, event_intercept[0] / 2])
    else:  # one event type known: it is always the answer
        event_classes = labels or [event_keys[0]]
        event_coef = np.zeros((1, x.shape[1]))
        event_intercept = np.zeros(1)
    return Model(
        word=word,
        char=char,
        event_keys=list(event_keys),
        needs_service=sorted(needs_service),
        relevance_coef=relevance.coef_[0].copy(),
        relevance_intercept=float(relevance.intercept_[0]),
        calibration=calibration,
        event_classes=event_classes,
        event_coef=np.asarray(event_coef),
        event_intercept=np.asarray(event_intercept),
        data_hash=data_hash,
        trained_on={"items": len(found), "relevant": int(y.sum()), "event_items": len(keep)},
    )


def _regression(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, class_weight="balanced", max_iter=5000)


def save(model: Model, path: Path = MODEL_FILE) -> Path:
    """Write the model as JSON (sorted keys, rounded numbers: the same data gives the same file)."""
    text = json.dumps(model.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    Path(path).write_text(text + "\n", encoding="utf-8")
    return Path(path)


@lru_cache(maxsize=2)
def load(path: Path = MODEL_FILE) -> Model:
    """The model shipped at `path`; ModelError when there is none or it cannot be read."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: no model; run `invoke train`") from None
    except json.JSONDecodeError as exc:
        raise ModelError(f"{path}:{exc.lineno}: not JSON ({exc.msg}); run `invoke train`") from None
    return Model.from_json(data)
