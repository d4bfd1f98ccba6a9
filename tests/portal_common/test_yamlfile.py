"""parse_yaml/yaml_text: the same result and the same errors as load_yaml on the file."""

from __future__ import annotations

import pytest
from portal_common.errors import ContentError
from portal_common.yamlfile import load_yaml, parse_yaml, yaml_text

SAMPLES = [
    b"slug: coklit\nname: Coklit\nstart: 2023-02-12\n",
    b"\xef\xbb\xbfslug: bom\r\nstages:\r\n  - slug: a\r\n",
    b"nama: Hendra\n  jabatan: ketua\n",
    b"catatan: rapat\ncatatan: pleno\n",
    b"a: [\n",
]


@pytest.mark.parametrize("raw", SAMPLES)
def test_parse_yaml_of_the_bytes_equals_load_yaml_of_the_file(tmp_path, raw):
    path = tmp_path / "data.yaml"
    path.write_bytes(raw)
    try:
        expected = load_yaml(path, "content/data.yaml")
    except ContentError as err:
        with pytest.raises(ContentError) as again:
            parse_yaml(yaml_text(raw), "content/data.yaml")
        assert again.value.findings == err.findings
        return
    parsed = parse_yaml(yaml_text(raw), "content/data.yaml")
    assert parsed == expected
    assert parsed.line == expected.line and parsed.key_lines == expected.key_lines


def test_yaml_text_refuses_bytes_that_are_not_utf8():
    with pytest.raises(UnicodeDecodeError):
        yaml_text(b"nama: \xb7\n")
