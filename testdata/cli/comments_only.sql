-- Nothing to do in this migration yet.
/* A block comment,
   over two lines. */
