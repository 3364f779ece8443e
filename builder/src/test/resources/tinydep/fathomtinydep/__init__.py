"""A tiny pure-Python package the builder ITs put into a wheel (fathom_tinydep-1.0.0)."""


def shout(text):
    return text.upper() + "!"
