"""Runs the PDF/UA-1 checker over many PDFs in one Python process, two files at a time.

Usage: python3 pdfua_many.py CHECKER < LIST
LIST has one "PDF LABEL" line per file. CHECKER is pdfua_check.py, whose main() is called once
per file exactly as its command line would be (its output and verdict unchanged): one start-up
and import for the whole list instead of one per file. Prints "ok" for a file that passes every
check, else "FAIL LABEL: <the checker's summary>" and its first five failure lines, in list order.
"""
import contextlib
import importlib.util
import io
import multiprocessing
import sys


def load(path):
    spec = importlib.util.spec_from_file_location("pdfua_check", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CHECKER = load(sys.argv[1])


def check(line):
    pdf, _, label = line.rstrip("\n").partition(" ")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = CHECKER.main(["pdfua_check.py", pdf])
    lines = out.getvalue().splitlines() or ["(no output)"]
    if status == 0:
        return "ok"
    return "\n".join(["FAIL %s: %s" % (label, lines[-1])] + ["    " + l for l in lines[:5]])


def main():
    items = [l for l in sys.stdin if l.strip()]
    # Two at a time: each check waits mostly on its qpdf process.
    with multiprocessing.Pool(2) as pool:
        for result in pool.imap(check, items):
            print(result, flush=True)


if __name__ == "__main__":
    main()
