/**
 * Vector file formats, one class each with its reader and writer side by side: word2vec text and binary, GloVe,
 * fastText {@code .vec}, the TensorFlow Embedding Projector TSV pair, and the library's own native format.
 * Readers stream; writers save atomically.
 *
 * <h2>Saving</h2>
 * Every writer that takes a {@link java.nio.file.Path} writes a temporary file beside the target, forces it to disk
 * and renames it over the target, so a reader (or a crash) sees the previous file or the complete new one, never a
 * part; a failed save leaves the previous file as it was. On a POSIX file system the saved file keeps the
 * permission bits of the file it replaces, and a new file gets the umask's default (0644 under umask 022); while
 * it is written only its owner can read it. A target that is a symbolic link is saved through it: the file it
 * points to is replaced and the link stays. Owner, group, ACLs and extended attributes are not copied.
 *
 * <h2>Reading</h2>
 * A reader takes a file's size and its bytes from one open file, so a file replaced by such a save while it is
 * read is read whole, old or new. Text readers skip a UTF-8 byte order mark at the start of a file and accept
 * plain decimal numbers only (no hex, no {@code f}/{@code d} suffix), as gensim does.
 */
package io.github.embeddings4j.io;
