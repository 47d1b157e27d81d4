#!/usr/bin/env python3
"""Writes the DEFLATE decoder's test fixtures: raw DEFLATE streams (RFC 1951) made by Python's
zlib at levels 0-9 and with its fixed-Huffman, Huffman-only and run-length strategies, from
random bytes, text longer than the 32 KiB window, long runs and an empty input; plus a few
invalid streams built bit by bit. The manifest gives, for each stream, the size and the CRC-32
(zlib.crc32) of the bytes it must decode to, or the start of the error it must give.

    python3 Scripts/workbook/deflate_fixtures.py Tests/SurveyWorkbookTests/Fixtures/deflate

Deterministic (fixed seeds). Standard library only.
"""
import os
import random
import sys
import zlib

WORDS = (
    "how often do you feel lonely hardly ever or never some of the time often always "
    "optimistic about the future useful relaxed interested in other people energy to spare "
    "dealing with problems well thinking clearly good about myself close to other people "
    "confident able to make up my own mind loved interested in new things cheerful the a of "
    "and to in is was for on with as at by from district council survey response"
).split()


def text_data(size, seed):
    rng = random.Random(seed)
    words = []
    length = 0
    while length < size:
        word = rng.choice(WORDS)
        if rng.random() < 0.08:
            word = word.capitalize() + rng.choice([",", ".", ";", "?"])
        if rng.random() < 0.02:
            word += "\n"
        words.append(word)
        length += len(word) + 1
    return " ".join(words).encode()[:size]


def raw_deflate(data, level, strategy=zlib.Z_DEFAULT_STRATEGY, wbits=-15):
    compressor = zlib.compressobj(level, zlib.DEFLATED, wbits, 8, strategy)
    return compressor.compress(data) + compressor.flush()


class BitWriter:
    """Writes bits least significant first, Huffman codes most significant bit first."""

    def __init__(self):
        self.bits = []

    def value(self, number, count):
        for index in range(count):
            self.bits.append((number >> index) & 1)

    def code(self, number, count):
        for index in reversed(range(count)):
            self.bits.append((number >> index) & 1)

    def bytes(self):
        padded = self.bits + [0] * (-len(self.bits) % 8)
        return bytes(
            sum(bit << index for index, bit in enumerate(padded[offset:offset + 8]))
            for offset in range(0, len(padded), 8)
        )


def fixed_literal_code(symbol):
    if symbol < 144:
        return 0x30 + symbol, 8
    if symbol < 256:
        return 0x190 + symbol - 144, 9
    if symbol < 280:
        return symbol - 256, 7
    return 0xC0 + symbol - 280, 8


def invalid_streams():
    streams = {}
    # A block of the reserved type 3.
    writer = BitWriter()
    writer.value(1, 1)
    writer.value(3, 2)
    streams["invalid-block-type"] = (writer.bytes(), "a block has the reserved type 3")
    # A stored block whose length and check value disagree.
    streams["invalid-stored-length"] = (
        bytes([0x01, 0x05, 0x00, 0x00, 0x00]) + b"hello",
        "a stored block's length 5 does not match its check value",
    )
    # A fixed block whose first symbol is a match: nothing to refer back to.
    writer = BitWriter()
    writer.value(1, 1)
    writer.value(1, 2)
    writer.code(*fixed_literal_code(257))  # length 3
    writer.code(0, 5)  # distance 1
    writer.code(*fixed_literal_code(256))
    streams["invalid-distance"] = (writer.bytes(), "the data refers 1 bytes back, before its start")
    # A fixed block that uses the undefined distance code 30.
    writer = BitWriter()
    writer.value(1, 1)
    writer.value(1, 2)
    writer.code(*fixed_literal_code(ord("a")))
    writer.code(*fixed_literal_code(257))
    writer.code(30, 5)
    streams["invalid-distance-code"] = (writer.bytes(), "the data uses an undefined distance code")
    # A dynamic block whose code-length code is oversubscribed (three codes of length 1).
    writer = BitWriter()
    writer.value(1, 1)
    writer.value(2, 2)
    writer.value(0, 5)  # 257 literal/length codes
    writer.value(0, 5)  # 1 distance code
    writer.value(0, 4)  # 4 code-length codes: 16, 17, 18, 0
    for _ in range(3):
        writer.value(1, 3)
    writer.value(0, 3)
    streams["invalid-oversubscribed"] = (
        writer.bytes(),
        "a block's Huffman code lengths are oversubscribed",
    )
    # A valid stream cut short.
    whole = raw_deflate(text_data(5000, 7), 6)
    streams["invalid-truncated"] = (whole[: len(whole) // 2], "the compressed data ends in the middle")
    # The end of the input inside a stored block's data.
    stored = raw_deflate(b"x" * 100, 0)
    streams["invalid-truncated-stored"] = (stored[:-10], "the compressed data ends in the middle")
    return streams


def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(20260401)
    inputs = {
        "random": rng.randbytes(4000),
        "text": text_data(40_000, 11),
        "runs": b"a" * 36_000 + bytes(range(256)) * 20 + b"ab" * 300,
        "empty": b"",
        "byte": b"\x00",
    }
    cases = []
    for name in ["random", "text"]:
        for level in range(10):
            cases.append((f"{name}-level{level}", inputs[name], level, zlib.Z_DEFAULT_STRATEGY, -15))
    for name in ["text", "runs"]:
        cases.append((f"{name}-fixed", inputs[name], 6, zlib.Z_FIXED, -15))
        cases.append((f"{name}-huffman-only", inputs[name], 6, zlib.Z_HUFFMAN_ONLY, -15))
        cases.append((f"{name}-rle", inputs[name], 6, zlib.Z_RLE, -15))
    cases.append(("text-window512", inputs["text"], 9, zlib.Z_DEFAULT_STRATEGY, -9))
    cases.append(("runs-level9", inputs["runs"], 9, zlib.Z_DEFAULT_STRATEGY, -15))
    cases.append(("random-fixed", inputs["random"], 6, zlib.Z_FIXED, -15))
    for name in ["empty", "byte"]:
        for level in (0, 6):
            cases.append((f"{name}-level{level}", inputs[name], level, zlib.Z_DEFAULT_STRATEGY, -15))
    lines = ["# name\tsize\tcrc32\terror (valid streams have none)"]
    for name, data, level, strategy, wbits in cases:
        stream = raw_deflate(data, level, strategy, wbits)
        assert zlib.decompress(stream, -15) == data
        with open(os.path.join(folder, name + ".deflate"), "wb") as out:
            out.write(stream)
        lines.append(f"{name}\t{len(data)}\t{zlib.crc32(data):08x}\t")
    for name, (stream, error) in invalid_streams().items():
        try:
            zlib.decompress(stream, -15)
            raise SystemExit(f"zlib decodes the invalid stream {name}")
        except zlib.error:
            pass
        with open(os.path.join(folder, name + ".deflate"), "wb") as out:
            out.write(stream)
        lines.append(f"{name}\t\t\t{error}")
    with open(os.path.join(folder, "manifest.tsv"), "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
