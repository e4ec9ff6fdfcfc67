/* The floor for lint time: read a file and parse it once with libpg_query into its
 * JSON parse tree, as schemaguard's parser does, and nothing else. */
#include <pg_query.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s FILE.sql\n", argv[0]);
    return 2;
  }
  FILE* in = fopen(argv[1], "rb");
  if (!in) {
    perror(argv[1]);
    return 2;
  }
  size_t size = 0, capacity = 1 << 20;
  char* text = malloc(capacity + 1);
  size_t n;
  while (text && (n = fread(text + size, 1, capacity - size, in)) > 0) {
    size += n;
    if (size == capacity) text = realloc(text, (capacity *= 2) + 1);
  }
  fclose(in);
  if (!text) return 2;
  text[size] = '\0';

  PgQueryParseResult result = pg_query_parse(text);
  const int failed = result.error != NULL;
  if (failed) fprintf(stderr, "%s: %s\n", argv[1], result.error->message);
  pg_query_free_parse_result(result);
  free(text);
  return failed ? 1 : 0;
}
