/** The owner app reads branches with the same rules as the share dialog: core's. */
export { branchesOf, branchExcerpt, branchIndexOf as currentBranchIndex, type Branch } from '@chatshare/core';
