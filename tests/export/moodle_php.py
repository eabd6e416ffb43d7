"""Moodle's readers of CSV and XML, as PHP 8 runs them (Debian's php-cli and php-xml).

The parsing is PHP's own (``fgetcsv``, ``xml_parse``); around it, the few lines of Moodle that
decide what survives, restated from Moodle's code:

- ``csv_import_reader::load_csv_content``: the UTF-8 byte order mark is removed, line breaks
  become ``\\n``, the content is trimmed, then ``fgetcsv`` with "," and '"' reads every row, and
  a row whose column count differs from the header's rejects the whole file.
- ``core_xml_parser`` (``xmlize``): ``XML_OPTION_SKIP_WHITE``, the document fed in 4096-byte
  pieces, and each piece of character data that is whitespace only is dropped.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

_CSV = r"""
$content = stream_get_contents(STDIN);
if (substr($content, 0, 3) === "\xEF\xBB\xBF") { $content = substr($content, 3); }
$content = trim(preg_replace('!\r\n?!', "\n", $content));
$fp = fopen('php://memory', 'w+');
fwrite($fp, $content);
fseek($fp, 0);
$rows = [];
while ($row = fgetcsv($fp, 0, ',', '"')) {
    if (count($row) == 1 && $row[0] === null) { continue; }
    $rows[] = $row;
}
echo json_encode($rows, JSON_UNESCAPED_UNICODE);
"""

_XML = r"""
$data = trim(stream_get_contents(STDIN));
$texts = [];
$stack = [];
$parser = xml_parser_create('UTF-8');
xml_parser_set_option($parser, XML_OPTION_CASE_FOLDING, 0);
xml_parser_set_option($parser, XML_OPTION_SKIP_WHITE, 1);
xml_set_element_handler(
    $parser,
    function ($p, $name, $attrs) use (&$stack) { $stack[] = [$name, '']; },
    function ($p, $name) use (&$stack, &$texts) {
        [$tag, $text] = array_pop($stack);
        if ($tag === 'text' || $tag === 'idnumber') { $texts[] = $text; }
    }
);
xml_set_character_data_handler($parser, function ($p, $data) use (&$stack) {
    if (($data == '0') || (!empty($data) && trim($data) != '')) {
        $stack[count($stack) - 1][1] .= $data;
    }
});
for ($i = 0; $i < strlen($data); $i += 4096) {
    if (!xml_parse($parser, substr($data, $i, 4096))) {
        fwrite(STDERR, "not well-formed\n");
        exit(1);
    }
}
echo json_encode($texts, JSON_UNESCAPED_UNICODE);
"""


def _php(script: str, source: bytes) -> Any:
    php = shutil.which("php")
    assert php, "php is needed to read the exports as Moodle does (apt-get install php-cli php-xml)"
    done = subprocess.run([php, "-r", script], input=source, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


def moodle_csv_rows(source: bytes) -> list[list[str]]:
    """The rows Moodle's CSV importer reads; AssertionError where it would reject the file."""
    rows: list[list[str]] = _php(_CSV, source)
    assert rows, "Moodle: csvemptyfile"
    assert all(len(row) == len(rows[0]) for row in rows), "Moodle: csvweirdcolumns"
    return rows


def moodle_xml_texts(source: bytes) -> list[str]:
    """Every ``<text>`` and ``<idnumber>`` of a Moodle XML file, in order, as Moodle reads it."""
    texts: list[str] = _php(_XML, source)
    return texts
