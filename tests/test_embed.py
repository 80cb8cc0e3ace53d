"""Embedding: one encode over unit texts, comment vectors pooled from units."""

from __future__ import annotations

import numpy as np

from argmap.model import ArgumentMap, Comment, Thread, Unit
from argmap.steps.embed import embed, encode_unique, pool_comments


def test_embed_pool_weights_by_length_and_normalises():
    units = (Unit("a:0", "a", 0, 1, "x", "other", 0, ""), Unit("a:2", "a", 2, 5, "xyz", "other", 0, ""))
    vecs = np.array([[1.0, 0.0], [0.0, 1.0]])
    out = pool_comments(units, vecs, ["a", "b"])
    assert np.allclose(out[0], np.array([1.0, 3.0]) / np.sqrt(10))
    assert np.all(out[1] == 0)


def test_embed_real_encoder_shapes_and_rows(encoder):
    text = "Taxes are too high. They hurt growth."
    comments = (Comment("root", "", text, None, 0), Comment("c1", "ann", "", "root", 1))
    units = (Unit("root:0", "root", 0, 19, text[:19], "other", 0, ""),
             Unit("root:20", "root", 20, 37, text[20:], "other", 0, ""))
    amap = embed(ArgumentMap(thread=Thread("t", "T", "generic", comments), units=units), encoder=encoder)
    v = amap.vectors
    assert v.units.shape == (2, 384) and v.comments.shape == (2, 384)
    assert np.allclose(np.linalg.norm(v.units, axis=1), 1.0, atol=1e-4)
    assert np.allclose(np.linalg.norm(v.comments[0]), 1.0, atol=1e-4)
    assert np.all(v.comments[1] == 0)
    assert v.aligned("units", 2) is v.units and v.aligned("units", 3) is None


def test_embed_no_units(encoder):
    amap = embed(ArgumentMap(thread=Thread("t", "T", "generic", (Comment("r", "", "", None, 0),))),
                 encoder=encoder)
    assert amap.vectors.units.shape == (0, 384) and amap.vectors.comments.shape == (1, 384)


class _Counting:
    """The real encoder, recording which texts reach it."""

    def __init__(self, encoder):
        self.encoder, self.seen = encoder, []

    def __getattr__(self, name):
        return getattr(self.encoder, name)

    def encode(self, texts, **kw):
        self.seen.extend(texts)
        return self.encoder.encode(texts, **kw)


def test_embed_identical_texts_encoded_once(encoder):
    texts = ["Source?", "Taxes are too high.", "Source?", "They hurt growth.", "Taxes are too high."]
    counting = _Counting(encoder)
    vecs = encode_unique(counting, texts, batch_size=64)
    assert sorted(counting.seen) == sorted(set(texts))
    assert vecs.shape == (5, 384)
    assert np.array_equal(vecs[0], vecs[2]) and np.array_equal(vecs[1], vecs[4])
    alone = encode_unique(encoder, ["They hurt growth."], batch_size=64)
    assert np.allclose(vecs[3], alone[0], atol=1e-5)


def test_embed_packed_batches_match_library_encode(encoder):
    from argmap.resources import encode, encode_packed

    texts = ["No.", "See https://example.org/a/very/long/url?with=query&and=more 2019-03-22.",
             "Taxes are too high because they hurt growth and drive firms abroad.", "Why?",
             "The Mueller report documents the Internet Research Agency's campaign in detail."] * 3
    packed = encode_packed(encoder, texts, batch_size=4)
    assert packed.shape == (15, 384)
    assert np.allclose(packed, encode(encoder, texts), atol=1e-4)


def test_embed_link_post_root_takes_its_title_vector(encoder):
    from argmap.resources import encode
    title = "Library to close on Sundays from March"
    thread = Thread("t", title, "generic", (Comment("r", "", "", None, 0), Comment("a", "x", "Fine.", "r", 1)))
    units = (Unit("a:0", "a", 0, 5, "Fine.", "other", 0.9, ""),)
    amap = embed(ArgumentMap(thread=thread, units=units), encoder=encoder)
    want = np.asarray(encode(encoder, [title]))[0]
    assert float(amap.vectors.comments[0] @ want) > 0.99
    assert amap.vectors.units.shape == (1, 384)
