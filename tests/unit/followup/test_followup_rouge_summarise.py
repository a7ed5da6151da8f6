import pytest

from coach.followup.summarise import rank_sentences, summarise
from evals.rouge import lcs_length, rouge_l, rouge_n, rouge_scores, tokenize


def test_tokenize() -> None:
    assert tokenize("The Cat, the HAT! 2x") == ["the", "cat", "the", "hat", "2x"]


def test_rouge_hand_computed() -> None:
    pred, ref = "the cat sat on the mat", "the cat lay on the mat"
    # unigrams: overlap the,cat,on,the,mat = 5 of 6 each -> F1 5/6
    assert rouge_n(pred, ref, 1) == pytest.approx(5 / 6)
    # bigrams: pred {the cat, cat sat, sat on, on the, the mat}; overlap the cat,on the,the mat
    assert rouge_n(pred, ref, 2) == pytest.approx(3 / 5)
    # LCS = the cat on the mat = 5
    assert rouge_l(pred, ref) == pytest.approx(5 / 6)


def test_rouge_clipping_and_lengths() -> None:
    # pred "the the the" vs ref "the cat": clipped overlap 1; P=1/3, R=1/2 -> F1=0.4
    assert rouge_n("the the the", "the cat", 1) == pytest.approx(0.4)
    # LCS("a b c d", "b d") = 2: P=2/4, R=2/2 -> 2/3
    assert rouge_l("a b c d", "b d") == pytest.approx(2 / 3)
    assert lcs_length(list("abcbdab"), list("bdcaba")) == 4


def test_rouge_empty_and_disjoint() -> None:
    assert rouge_scores("", "x y") == {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    assert rouge_n("a b", "c d", 1) == 0.0


def test_rank_prefers_central_sentence() -> None:
    sentences = [
        "The budget for the new project was discussed.",
        "The project budget needs approval from the board.",
        "The board will approve the project budget next week.",
        "Lunch was pizza.",
    ]
    scores = rank_sentences(sentences)
    assert scores.index(min(scores)) == 3


def test_summarise_respects_word_limit_and_order() -> None:
    text = (
        " ".join(
            f"Sentence number {i} talks about the remote control design and the battery."
            for i in range(30)
        )
        + " Completely unrelated sentence about the weather and holidays in Spain."
    )
    out = summarise(text, max_words=30)
    assert 0 < len(out.split()) <= 30
    assert summarise("", max_words=10) == ""
