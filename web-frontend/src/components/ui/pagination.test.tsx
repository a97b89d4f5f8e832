import { describe, expect, it } from 'vitest';
import { pageSlots } from './pagination';

describe('pageSlots', () => {
  it('offers every page when there are few', () => {
    expect(pageSlots(1, 1)).toEqual([1]);
    expect(pageSlots(3, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps the first, the last and the pages around the current one when there are many', () => {
    expect(pageSlots(1, 20)).toEqual([1, 2, 3, 4, 5, 6, 'gap', 20]);
    expect(pageSlots(10, 20)).toEqual([1, 'gap', 8, 9, 10, 11, 12, 'gap', 20]);
    expect(pageSlots(20, 20)).toEqual([1, 'gap', 15, 16, 17, 18, 19, 20]);
  });
});
