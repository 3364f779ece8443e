package io.fathom.controlplane.mlflow.tracking.search;

import io.fathom.controlplane.mlflow.MlflowException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an MLflow search string ({@code metrics.rmse < 1 and tags."my tag" = 'x'}) into tokens.
 * Identifiers keep their dots; a quoted segment right after {@code prefix.} joins the identifier.
 */
public final class SearchLexer {
  /** Token kinds. */
  public enum Kind {
    WORD,
    STRING,
    NUMBER,
    OPERATOR,
    LPAREN,
    RPAREN,
    COMMA
  }

  /** One token and where it starts. */
  public record Token(Kind kind, String text, int at) {
    boolean isWord(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }
  }

  private final String input;
  private int pos;

  private SearchLexer(String input) {
    this.input = input;
  }

  public static List<Token> tokens(String input) {
    return new SearchLexer(input).all();
  }

  private List<Token> all() {
    List<Token> out = new ArrayList<>();
    while (true) {
      while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
        pos++;
      }
      if (pos >= input.length()) {
        return out;
      }
      out.add(next());
    }
  }

  private Token next() {
    int start = pos;
    char c = input.charAt(pos);
    if (c == '\'' || c == '"') {
      return new Token(Kind.STRING, quoted(c), start);
    }
    if (c == '`') {
      return new Token(Kind.WORD, quoted(c), start);
    }
    if (c == '(' || c == ')' || c == ',') {
      pos++;
      return new Token(c == '(' ? Kind.LPAREN : c == ')' ? Kind.RPAREN : Kind.COMMA, "" + c, start);
    }
    if ("=!<>".indexOf(c) >= 0) {
      pos++;
      if (pos < input.length() && input.charAt(pos) == '=') {
        pos++;
      }
      String op = input.substring(start, pos);
      if (op.equals("!") || op.equals("==")) {
        throw MlflowException.invalid("Invalid comparator '" + op + "' at position " + start);
      }
      return new Token(Kind.OPERATOR, op, start);
    }
    if (Character.isDigit(c) || c == '-' || c == '+' || c == '.') {
      while (pos < input.length() && "0123456789.eE+-".indexOf(input.charAt(pos)) >= 0) {
        pos++;
      }
      return new Token(Kind.NUMBER, input.substring(start, pos), start);
    }
    if (Character.isLetter(c) || c == '_') {
      StringBuilder word = new StringBuilder();
      while (pos < input.length()) {
        char d = input.charAt(pos);
        if (Character.isLetterOrDigit(d) || "_.-:/".indexOf(d) >= 0) {
          word.append(d);
          pos++;
        } else if ((d == '`' || d == '"') && word.toString().endsWith(".")) {
          word.append(quoted(d));
        } else {
          break;
        }
      }
      return new Token(Kind.WORD, word.toString(), start);
    }
    throw MlflowException.invalid("Invalid character '" + c + "' at position " + start);
  }

  private String quoted(char quote) {
    int start = pos++;
    StringBuilder out = new StringBuilder();
    while (pos < input.length()) {
      char c = input.charAt(pos++);
      if (c == '\\' && pos < input.length()) {
        out.append(input.charAt(pos++));
      } else if (c == quote) {
        return out.toString();
      } else {
        out.append(c);
      }
    }
    throw MlflowException.invalid("Unterminated quote starting at position " + start);
  }
}
