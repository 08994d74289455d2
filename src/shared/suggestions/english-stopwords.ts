/**
 * English words that carry no topic in a customer's message ("can you", "is it", "please"): they are never
 * read in Chinese (english-glosses.ts), or every shop's replies would match "you" → 你們.
 */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then so to of in on at by for from with without about into over under after before ' +
    'is are was were be been being am do does did done have has had having can could will would shall should may might must ' +
    'i me my mine we us our you your yours he him his she her it its they them their this that these those there here ' +
    'what which who whom whose when where why how not no yes ok okay please pls thanks thank hi hello hey dear ' +
    'just also too very really so much many more most any some all each every one ones get got give go going come ' +
    'want wanted need needed like would like know let make made use used still already yet only even again ' +
    'up down out off as than s t ll re ve d m'
  ).split(' '),
);
