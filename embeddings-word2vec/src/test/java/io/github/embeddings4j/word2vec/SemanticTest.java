package io.github.embeddings4j.word2vec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.embeddings4j.Similarity;
import io.github.embeddings4j.WordVectors;
import io.github.embeddings4j.eval.AnalogyResult;
import io.github.embeddings4j.eval.AnalogyEvaluation;
import io.github.embeddings4j.eval.AnalogySection;
import io.github.embeddings4j.eval.WordPairEvaluation;
import io.github.embeddings4j.testutil.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Trains CBOW on the first 1.17 M tokens of text8 (10 epochs, 2 threads: ~20 s on 2 cores) and checks that the
 * vectors carry meaning. Floors are set from measured runs (2026-11-23: capital sections 15 of 617 = 2.4%, all
 * analogies 7.5%, WordSim-353 Spearman 0.50; cosine king-queen 0.70, king-car -0.12), with a margin for thread
 * scheduling (Hogwild) and kernel differences between JDKs. Chance on the analogies is 1 in ~15,000.
 */
class SemanticTest {
  @Test
  void text8PrefixVectorsCarryMeaning() throws Exception {
    Path corpus = SharedData.path("corpora/text8-prefix.txt.gz");
    Path eval = SharedData.path("eval/questions-words.txt");
    Path ws353 = SharedData.path("eval/wordsim353.tsv");
    WordVectors wv = Word2VecTrainer.train(Corpus.lines(corpus),
        Word2VecConfig.cbow().withEpochs(10).withThreads(2).withSeed(1), p -> true).vectors();
    assertTrue(wv.vocabulary().size() > 15_000, wv.toString());

    AnalogyResult analogies = AnalogyEvaluation.gensimDefaults().withRestrictVocab(30_000).evaluate(wv, eval);
    AnalogySection common = analogies.section("capital-common-countries");
    AnalogySection world = analogies.section("capital-world");
    double capitals = (common.correct() + world.correct()) / (double) (common.questions() + world.questions());
    assertTrue(capitals >= 0.01, "capital analogies: " + common + " " + world);
    assertTrue(analogies.accuracy() >= 0.04, "all analogies: " + analogies.total());

    double spearman = WordPairEvaluation.gensimDefaults().evaluate(wv, ws353).spearman();
    assertTrue(spearman >= 0.40, "WordSim-353 Spearman " + spearman);

    float kingQueen = Similarity.COSINE.compare(wv.vector("king"), wv.vector("queen"));
    float kingCar = Similarity.COSINE.compare(wv.vector("king"), wv.vector("car"));
    assertTrue(kingQueen > kingCar + 0.3, "king-queen " + kingQueen + ", king-car " + kingCar);
  }
}
