"""The embedding module: unit vectors of the stated size, meaning over words, no hub."""

import math
import os
import subprocess
import sys
from pathlib import Path

from search import embeddings

ROOT = Path(__file__).resolve().parents[2]

SMALL_SET = [
    embeddings.case_study_text(
        "Village warm spaces network",
        "Village halls and churches open as warm, free places to meet in winter.",
        "",
    ),
    embeddings.case_study_text(
        "Crowdfunded skate park",
        "Young people designed a skate park and raised part of the cost online.",
        "",
    ),
    embeddings.case_study_text(
        "Tenant-led housing repairs co-operative",
        "Council tenants formed a co-operative that carries out small repairs on their estate.",
        "",
    ),
]


def norm(vector):
    return math.sqrt(sum(x * x for x in vector))


def test_document_vectors_have_the_stated_dimensions_and_unit_length():
    """Each document vector has DIMENSIONS floats and length one."""
    vectors = embeddings.embed_documents(SMALL_SET)
    assert len(vectors) == len(SMALL_SET)
    for vector in vectors:
        assert len(vector) == embeddings.DIMENSIONS
        assert abs(norm(vector) - 1) < 1e-3


def test_query_vector_has_the_stated_dimensions_and_unit_length():
    """A query vector has DIMENSIONS floats and length one."""
    vector = embeddings.embed_query("somewhere heated to sit when homes are cold")
    assert len(vector) == embeddings.DIMENSIONS
    assert abs(norm(vector) - 1) < 1e-3


def test_no_texts_gives_no_vectors():
    """An empty batch is answered without loading work: an empty list."""
    assert embeddings.embed_documents([]) == []


def test_a_paraphrase_ranks_its_target_first():
    """A query sharing no word with its target still ranks it above the other documents."""
    documents = embeddings.embed_documents(SMALL_SET)
    for query, expected in [
        ("a cosy refuge from the chill", 0),
        ("teens wanting somewhere for boarding tricks", 1),
        ("renters mending leaks and broken boilers themselves", 2),
    ]:
        vector = embeddings.embed_query(query)
        similarities = [sum(a * b for a, b in zip(vector, d, strict=True)) for d in documents]
        assert similarities.index(max(similarities)) == expected, query


def test_query_and_passage_sides_differ():
    """The same text embeds differently as a query and as a passage (e5's prefixes are used)."""
    text = "community asset transfer"
    assert embeddings.embed_query(text) != embeddings.embed_documents([text])[0]


def test_content_hash_changes_with_the_text_only():
    """Equal texts hash equal; a one-character edit changes the hash."""
    text = embeddings.case_study_text("Title", "Summary.", "Body.")
    assert embeddings.content_hash(text) == embeddings.content_hash(text)
    assert embeddings.content_hash(text) != embeddings.content_hash(text + "!")


def test_case_study_text_skips_empty_parts():
    """Title, summary and body are joined by newlines, blank parts left out."""
    assert embeddings.case_study_text(" Title ", "", "Body") == "Title\nBody"


def test_the_model_loads_and_embeds_with_no_network(tmp_path):
    """In a fresh process with every proxy pointing nowhere, hub access forbidden and an empty
    home, the model still loads and embeds: nothing is fetched."""
    dead = "http://127.0.0.1:9"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "HTTP_PROXY": dead,
        "HTTPS_PROXY": dead,
        "http_proxy": dead,
        "https_proxy": dead,
        "HF_HUB_OFFLINE": "1",
        "HF_HOME": str(tmp_path / "hf"),
        "NO_PROXY": "",
    }
    script = (
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from search import embeddings\n"
        "print(len(embeddings.embed_query('warm spaces')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(embeddings.DIMENSIONS)
    assert not (tmp_path / "hf").exists()
