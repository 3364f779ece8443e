from fathomtinydep import shout


def main(data, context):
    return {"greeting": shout("hello, " + data["name"])}
