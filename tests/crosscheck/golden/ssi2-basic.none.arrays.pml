/* Promela model of z/VM Live Guest Relocation: the canonical LGR model,
   version 1 (spec sections 2 and 3), for one configuration.
   Exported by lgrcheck 0.1.0 (lgrcheck export --promela) from
     configuration: ssi2-basic (examples/ssi2-basic.json)
     variants:      none (the correct protocol)
   Members:
     0 GDLLCPX1: storage 8, paging 16
     1 GDLLCPX2: storage 8, paging 16
   Guests:
     0 LGRLIN21: home GDLLCPX2, memory 2, max_memory 3
   Requests (cur[g] = k means the guest's k-th request):
     LGRLIN21 -> GDLLCPX1: sync true, immediate false, maxquiesce 2, maxtotal 0
   Bounds: moves 1, cancels 1, member_failures 1, link_failures 1,
           eligibility_changes 1, passes 2

   Run (-o2 keeps the ghosts lost, bad_image and bad_commit, which SPIN
   would otherwise drop as write-only and so merge distinct states):
     spin -o2 -a model.pml && gcc -O2 -DNOREDUCE -DSAFETY -o pan pan.c && ./pan -m100000
   "states, stored" is lgrcheck's state count exactly (offset 0) and
   "transitions" is lgrcheck's transition count + 1 (SPIN counts its first
   store). If pan says "max search depth too small", raise -m; on big
   models give pan a bigger hash table (-w).

   Properties: every state property of spec section 4 is an assertion,
   off by default so the counts above hold. Switch one on with
   -DCHECK_<Name> on the spin command line, or all with -DCHECK_ALL:
     spin -o2 -DCHECK_ALL -a model.pml && gcc -O2 -DNOREDUCE -DSAFETY -o pan pan.c \
       && ./pan -m100000 -c0 | grep -o 'assertion violated [A-Za-z]*' | sort -u
   pan prints "assertion violated <Name>" for each violation. Without -c0 it
   stops at the first one, so it names one property only: to learn every
   property that fails, run with -c0 as above, or build one pan per
   property (-DCHECK_<Name> alone; add -e or -i for trails). Invariants are
   asserted after every action; the initial state satisfies them because
   the configuration was validated. NoDeadlock is the loop's final `else`
   branch (taken when no action is enabled): it adds one self-loop per
   terminal state to "transitions", states are unchanged. The loop head is
   a valid end state (label end_loop), so pan's own invalid-end-state check
   never fires. Termination (liveness) is not exported.
   Names: SingleInstance, OwnerRuns, NoLostGuest, ImageIntegrity, EligibleAtCommit, QuiesceBound, Capacity, NoOrphanShadow, ResumedOnSource, NoDeadlock.
*/

#define MEMBERS 2
#define GUESTS 1
#define CAP 6  /* channel bound: passes + 3 + cancels */
#define PASSES 2

#define I_NONE 0
#define I_RUNNING 1
#define I_QUIESCED 2
#define I_SHADOW 3
#define I_READY 4
#define RS_NONE 0
#define RS_INIT 1
#define RS_MEMORY 2
#define RS_QUIESCED 3
#define RS_STATE_SENT 4
#define RS_CANCELING 5
/* source to destination; STATE carries its bit full as two codes */
#define SD_CREATE 1
#define SD_MEM 2
#define SD_STATE_PARTIAL 3
#define SD_STATE_FULL 4
#define SD_RESUME 5
#define SD_CANCEL 6
/* destination to source */
#define DS_CREATED 1
#define DS_REFUSED 2
#define DS_ACK_STATE 3
#define DS_CANCEL_REQ 4
#define DS_CANCEL_ACK 5

#ifdef CHECK_ALL
#define CHECK_SingleInstance
#define CHECK_OwnerRuns
#define CHECK_NoLostGuest
#define CHECK_ImageIntegrity
#define CHECK_EligibleAtCommit
#define CHECK_QuiesceBound
#define CHECK_Capacity
#define CHECK_NoOrphanShadow
#define CHECK_ResumedOnSource
#define CHECK_NoDeadlock
#endif

/* The state: exactly the variables of spec section 2, each initialised here. */
bit up[MEMBERS] = 1;
bit link[1] = 1;  /* member pairs a < b, in order; see LINK */
byte moves_left = 1;
byte cancels_left = 1;
byte mfail_left = 1;
byte lfail_left = 1;
byte elig_left = 1;
/* per guest g (and member m: index g * MEMBERS + m) */
byte own[GUESTS] = { 1 };
byte inst[2] = { I_NONE, I_RUNNING };
byte rs[GUESTS] = RS_NONE;
byte cur[GUESTS] = 0;   /* 0: no episode; k: the guest's k-th request */
byte from[GUESTS] = 0;  /* 0: none; m + 1: member m */
byte pass[GUESTS] = 0;
bit dirty[GUESTS] = 0;
byte elapsed[GUESTS] = 0;
byte qtime[GUESTS] = 0;
bit inelig[GUESTS] = 0;
bit img_ok[GUESTS] = 0;
byte c_sd[6] = 0;  /* guest g's source-to-destination FIFO: c_sd[g * CAP ..], head first */
byte n_sd[GUESTS] = 0;
byte c_ds[6] = 0;  /* destination to source, likewise */
byte n_ds[GUESTS] = 0;
bit lost[GUESTS] = 0;       /* ghost */
bit bad_image[GUESTS] = 0;  /* ghost */
bit bad_commit[GUESTS] = 0; /* ghost */

/* Scratch of one d_step (hidden: not part of the state). */
hidden byte src, dst, msg;
/* One per property, so that pan names the property that fails. */
hidden byte SingleInstance = 1;
hidden byte OwnerRuns = 1;
hidden byte NoLostGuest = 1;
hidden byte ImageIntegrity = 1;
hidden byte EligibleAtCommit = 1;
hidden byte QuiesceBound = 1;
hidden byte Capacity = 1;
hidden byte NoOrphanShadow = 1;
hidden byte ResumedOnSource = 1;
hidden byte NoDeadlock = 1;

#define INST(g, m) inst[(g) * MEMBERS + (m)]
#define SRC(g) (from[g] - 1)
#define EPISODE(g) (cur[g] != 0)
#define ACTIVE(g) (rs[g] >= RS_INIT && rs[g] <= RS_STATE_SENT)
#define RUNS(i) ((i) == I_RUNNING || (i) == I_QUIESCED)
#define AT_DST(i) ((i) == I_SHADOW || (i) == I_READY)
#define TRI(a, b) ((a) * (2 * MEMBERS - (a) - 1) / 2 + (b) - (a) - 1)
#define LINK(a, b) ((a) == (b) -> 1 : ((a) < (b) -> link[TRI(a, b)] : link[TRI(b, a)]))
#define STABLE (up[0] && up[1] && link[0])
/* used(m): storage held on m by every instance; RESERVED_m: what the
   storage checks count (they differ only in variant no-reservation) */
#define USED_0 ((INST(0, 0) != I_NONE -> 2 : 0))
#define RESERVED_0 USED_0
#define USED_1 ((INST(0, 1) != I_NONE -> 2 : 0))
#define RESERVED_1 USED_1
/* guest g's episode: destination and request attributes */
#define DST_0 0
#define SYNC_0 1
#define IMMEDIATE_0 0
#define MAXQ_0 2
#define MAXT_0 0

/* The helpers below read the scratch src and dst of the episode. */
inline send_sd(g, message) {  /* lost unless both ends and their link are up */
  if
  :: up[src] && up[dst] && LINK(src, dst) ->
     assert(n_sd[g] < CAP);  /* spec section 2: no send finds a full channel */
     c_sd[(g) * CAP + n_sd[g]] = message; n_sd[g]++
  :: else -> skip
  fi
}
inline pop_sd(g) {  /* head into msg; the rest moves up, so equal FIFOs are equal bytes */
  msg = c_sd[(g) * CAP];
  c_sd[(g) * CAP + 0] = c_sd[(g) * CAP + 1];
  c_sd[(g) * CAP + 1] = c_sd[(g) * CAP + 2];
  c_sd[(g) * CAP + 2] = c_sd[(g) * CAP + 3];
  c_sd[(g) * CAP + 3] = c_sd[(g) * CAP + 4];
  c_sd[(g) * CAP + 4] = c_sd[(g) * CAP + 5];
  c_sd[(g) * CAP + 5] = 0;
  n_sd[g]--
}
inline send_ds(g, message) {  /* lost unless both ends and their link are up */
  if
  :: up[src] && up[dst] && LINK(src, dst) ->
     assert(n_ds[g] < CAP);  /* spec section 2: no send finds a full channel */
     c_ds[(g) * CAP + n_ds[g]] = message; n_ds[g]++
  :: else -> skip
  fi
}
inline pop_ds(g) {  /* head into msg; the rest moves up, so equal FIFOs are equal bytes */
  msg = c_ds[(g) * CAP];
  c_ds[(g) * CAP + 0] = c_ds[(g) * CAP + 1];
  c_ds[(g) * CAP + 1] = c_ds[(g) * CAP + 2];
  c_ds[(g) * CAP + 2] = c_ds[(g) * CAP + 3];
  c_ds[(g) * CAP + 3] = c_ds[(g) * CAP + 4];
  c_ds[(g) * CAP + 4] = c_ds[(g) * CAP + 5];
  c_ds[(g) * CAP + 5] = 0;
  n_ds[g]--
}
inline empty_channels(g) {
  c_sd[(g) * CAP + 0] = 0;
  c_sd[(g) * CAP + 1] = 0;
  c_sd[(g) * CAP + 2] = 0;
  c_sd[(g) * CAP + 3] = 0;
  c_sd[(g) * CAP + 4] = 0;
  c_sd[(g) * CAP + 5] = 0;
  n_sd[g] = 0;
  c_ds[(g) * CAP + 0] = 0;
  c_ds[(g) * CAP + 1] = 0;
  c_ds[(g) * CAP + 2] = 0;
  c_ds[(g) * CAP + 3] = 0;
  c_ds[(g) * CAP + 4] = 0;
  c_ds[(g) * CAP + 5] = 0;
  n_ds[g] = 0
}
inline reset_progress(g) { pass[g] = 0; elapsed[g] = 0; qtime[g] = 0; dirty[g] = 0 }
inline src_cancel(g) {
  if :: INST(g, src) == I_QUIESCED -> INST(g, src) = I_RUNNING :: else -> skip fi;
  rs[g] = RS_CANCELING;
  reset_progress(g);
  send_sd(g, SD_CANCEL)
}
/* spec section 2: an episode with nothing left in flight ends */
inline normalise(g) {
  if
  :: EPISODE(g) && rs[g] == RS_NONE && n_sd[g] == 0 && n_ds[g] == 0 &&
     !AT_DST(INST(g, 0)) && !AT_DST(INST(g, 1)) ->
     cur[g] = 0; from[g] = 0; reset_progress(g); img_ok[g] = 0
  :: else -> skip
  fi
}

/* The invariants of spec section 4, each behind its switch. */
inline check_invariants() {
  skip
#ifdef CHECK_SingleInstance
  ; SingleInstance = (((RUNS(INST(0, 0)) -> 1 : 0) + (RUNS(INST(0, 1)) -> 1 : 0) <= 1));
  assert(SingleInstance)
#endif
#ifdef CHECK_OwnerRuns
  ; OwnerRuns = ((!RUNS(INST(0, 0)) || own[0] == 0) &&
     (!RUNS(INST(0, 1)) || own[0] == 1));
  assert(OwnerRuns)
#endif
#ifdef CHECK_NoLostGuest
  ; NoLostGuest = ((lost[0] || RUNS(INST(0, 0)) || (INST(0, 0) == I_READY && own[0] == 0) || RUNS(INST(0, 1)) || (INST(0, 1) == I_READY && own[0] == 1)));
  assert(NoLostGuest)
#endif
#ifdef CHECK_ImageIntegrity
  ; ImageIntegrity = (!bad_image[0]);
  assert(ImageIntegrity)
#endif
#ifdef CHECK_EligibleAtCommit
  ; EligibleAtCommit = (!bad_commit[0]);
  assert(EligibleAtCommit)
#endif
#ifdef CHECK_QuiesceBound
  ; QuiesceBound = ((!EPISODE(0) || MAXQ_0 == 0 || qtime[0] < MAXQ_0));
  assert(QuiesceBound)
#endif
#ifdef CHECK_Capacity
  ; Capacity = (USED_0 <= 8 &&
     USED_1 <= 8);
  assert(Capacity)
#endif
#ifdef CHECK_NoOrphanShadow
  ; NoOrphanShadow = ((!AT_DST(INST(0, 0)) || (EPISODE(0) && (rs[0] != RS_NONE || n_sd[0] != 0 || n_ds[0] != 0 || !up[SRC(0)] || !LINK(SRC(0), 0)))) &&
     (!AT_DST(INST(0, 1)) || (EPISODE(0) && (rs[0] != RS_NONE || n_sd[0] != 0 || n_ds[0] != 0 || !up[SRC(0)] || !LINK(SRC(0), 1)))));
  assert(NoOrphanShadow)
#endif
#ifdef CHECK_ResumedOnSource
  ; ResumedOnSource = (((rs[0] != RS_NONE && rs[0] != RS_CANCELING) || (INST(0, 0) != I_QUIESCED && INST(0, 1) != I_QUIESCED &&
      (!EPISODE(0) || own[0] != SRC(0) || !up[SRC(0)] || INST(0, SRC(0)) == I_RUNNING))));
  assert(ResumedOnSource)
#endif
}

active proctype lgr()
{
end_loop:
  do
  /* action 0: Move LGRLIN21 GDLLCPX1 (request 1) */
  :: d_step { moves_left > 0 && rs[0] == RS_NONE && !EPISODE(0) && INST(0, own[0]) == I_RUNNING &&
              own[0] != 0 && STABLE && !inelig[0] && (2 + RESERVED_0 <= 8 && 3 + RESERVED_0 <= 8) ->
       moves_left--;
       cur[0] = 1;
       from[0] = own[0] + 1;
       rs[0] = RS_INIT;
       reset_progress(0);
       dirty[0] = 1;
       img_ok[0] = 0;
       src = own[0]; dst = 0;
       send_sd(0, SD_CREATE);
       normalise(0);
       check_invariants()
     }
  /* action 1: CancelAtSrc LGRLIN21 */
  :: d_step { cancels_left > 0 && ACTIVE(0) ->
       cancels_left--;
       src = SRC(0); dst = DST_0;
       src_cancel(0);
       normalise(0);
       check_invariants()
     }
  /* action 2: Cphx LGRLIN21 */
  :: d_step { cancels_left > 0 && ACTIVE(0) && SYNC_0 ->
       cancels_left--;
       src = SRC(0); dst = DST_0;
       src_cancel(0);
       normalise(0);
       check_invariants()
     }
  /* action 3: CancelAtDst LGRLIN21 */
  :: d_step { cancels_left > 0 && EPISODE(0) && AT_DST(INST(0, DST_0)) && up[SRC(0)] && LINK(SRC(0), DST_0) ->
       cancels_left--;
       src = SRC(0); dst = DST_0;
       send_ds(0, DS_CANCEL_REQ);
       normalise(0);
       check_invariants()
     }
  /* action 4: GuestWrites LGRLIN21 */
  :: d_step { rs[0] == RS_MEMORY && INST(0, SRC(0)) == I_RUNNING && !dirty[0] ->
       dirty[0] = 1;
       normalise(0);
       check_invariants()
     }
  /* action 5: GuestBecomesIneligible LGRLIN21 */
  :: d_step { elig_left > 0 && !inelig[0] && (INST(0, 0) == I_RUNNING || INST(0, 1) == I_RUNNING) ->
       elig_left--;
       inelig[0] = 1;
       normalise(0);
       check_invariants()
     }
  /* action 6: GuestBecomesEligible LGRLIN21 */
  :: d_step { elig_left > 0 && inelig[0] && (INST(0, 0) == I_RUNNING || INST(0, 1) == I_RUNNING) ->
       elig_left--;
       inelig[0] = 0;
       normalise(0);
       check_invariants()
     }
  /* action 7: SrcReceive LGRLIN21 */
  :: d_step { n_ds[0] > 0 ->
       src = SRC(0); dst = DST_0;
       pop_ds(0);
       if
       :: msg == DS_CREATED ->
          if
          :: rs[0] == RS_INIT && inelig[0] -> src_cancel(0)
          :: rs[0] == RS_INIT && !inelig[0] ->
             rs[0] = RS_MEMORY; pass[0] = 1; dirty[0] = 0; send_sd(0, SD_MEM)
          :: else -> skip
          fi
       :: msg == DS_REFUSED -> if :: rs[0] == RS_INIT -> rs[0] = RS_NONE :: else -> skip fi
       :: msg == DS_ACK_STATE ->  /* commit */
          if
          :: rs[0] == RS_STATE_SENT ->
             bad_commit[0] = bad_commit[0] || inelig[0]; own[0] = dst;
             INST(0, src) = I_NONE; rs[0] = RS_NONE; send_sd(0, SD_RESUME)
          :: else -> skip
          fi
       :: msg == DS_CANCEL_REQ -> if :: ACTIVE(0) -> src_cancel(0) :: else -> skip fi
       :: msg == DS_CANCEL_ACK -> if :: rs[0] == RS_CANCELING -> rs[0] = RS_NONE :: else -> skip fi
       :: else -> assert(0)  /* corrupt channel */
       fi;
       normalise(0);
       check_invariants()
     }
  /* action 8: SrcNextPass LGRLIN21 */
  :: d_step { rs[0] == RS_MEMORY && dirty[0] && pass[0] < PASSES && !IMMEDIATE_0 ->
       src = SRC(0); dst = DST_0;
       if :: inelig[0] -> src_cancel(0) :: else -> pass[0]++; dirty[0] = 0; send_sd(0, SD_MEM) fi;
       normalise(0);
       check_invariants()
     }
  /* action 9: SrcQuiesce LGRLIN21 */
  :: d_step { rs[0] == RS_MEMORY && (!dirty[0] || pass[0] == PASSES || IMMEDIATE_0) ->
       INST(0, SRC(0)) = I_QUIESCED;
       rs[0] = RS_QUIESCED;
       normalise(0);
       check_invariants()
     }
  /* action 10: SrcFinalCheck LGRLIN21 */
  :: d_step { rs[0] == RS_QUIESCED ->
       src = SRC(0); dst = DST_0;
       if :: inelig[0] -> src_cancel(0) :: else -> send_sd(0, SD_STATE_FULL); dirty[0] = 0; rs[0] = RS_STATE_SENT fi;
       normalise(0);
       check_invariants()
     }
  /* action 11: SrcDetectPeerDown LGRLIN21 */
  :: d_step { rs[0] != RS_NONE && up[SRC(0)] && (!up[DST_0] || !LINK(SRC(0), DST_0)) ->
       src = SRC(0); dst = DST_0;
       if :: rs[0] != RS_CANCELING && INST(0, src) == I_QUIESCED -> INST(0, src) = I_RUNNING :: else -> skip fi;
       rs[0] = RS_NONE;
       reset_progress(0);
       normalise(0);
       check_invariants()
     }
  /* action 12: DstReceive LGRLIN21 */
  :: d_step { n_sd[0] > 0 ->
       src = SRC(0); dst = DST_0;
       pop_sd(0);
       if
       :: msg == SD_CREATE ->
          if :: (2 + RESERVED_0 <= 8 && 3 + RESERVED_0 <= 8) -> INST(0, dst) = I_SHADOW; send_ds(0, DS_CREATED) :: else -> send_ds(0, DS_REFUSED) fi
       :: msg == SD_MEM -> skip
       :: msg == SD_STATE_PARTIAL || msg == SD_STATE_FULL ->
          if
          :: INST(0, dst) == I_SHADOW ->
             INST(0, dst) = I_READY; img_ok[0] = (msg == SD_STATE_FULL); send_ds(0, DS_ACK_STATE)
          :: else -> skip
          fi
       :: msg == SD_RESUME ->
          if :: INST(0, dst) == I_READY -> bad_image[0] = bad_image[0] || !img_ok[0]; INST(0, dst) = I_RUNNING :: else -> skip fi
       :: msg == SD_CANCEL ->
          if :: AT_DST(INST(0, dst)) -> INST(0, dst) = I_NONE :: else -> skip fi;
          send_ds(0, DS_CANCEL_ACK)
       :: else -> assert(0)  /* corrupt channel */
       fi;
       normalise(0);
       check_invariants()
     }
  /* action 13: DstDetectPeerDown LGRLIN21 */
  :: d_step { EPISODE(0) && AT_DST(INST(0, DST_0)) && up[DST_0] && (!up[SRC(0)] || !LINK(SRC(0), DST_0)) ->
       src = SRC(0); dst = DST_0;
       if :: own[0] == dst -> bad_image[0] = bad_image[0] || !img_ok[0]; INST(0, dst) = I_RUNNING :: else -> INST(0, dst) = I_NONE fi;
       normalise(0);
       check_invariants()
     }
  /* action 14: MemberFails GDLLCPX1 */
  :: d_step { mfail_left > 0 && up[0] ->
       up[0] = 0;
       mfail_left--;
       if :: RUNS(INST(0, 0)) || (INST(0, 0) == I_READY && own[0] == 0) -> lost[0] = 1 :: else -> skip fi;
       INST(0, 0) = I_NONE;
       if :: EPISODE(0) && SRC(0) == 0 -> rs[0] = RS_NONE; reset_progress(0) :: else -> skip fi;
       if :: EPISODE(0) && (SRC(0) == 0 || DST_0 == 0) -> empty_channels(0) :: else -> skip fi;
       normalise(0);
       check_invariants()
     }
  /* action 15: MemberFails GDLLCPX2 */
  :: d_step { mfail_left > 0 && up[1] ->
       up[1] = 0;
       mfail_left--;
       if :: RUNS(INST(0, 1)) || (INST(0, 1) == I_READY && own[0] == 1) -> lost[0] = 1 :: else -> skip fi;
       INST(0, 1) = I_NONE;
       if :: EPISODE(0) && SRC(0) == 1 -> rs[0] = RS_NONE; reset_progress(0) :: else -> skip fi;
       if :: EPISODE(0) && (SRC(0) == 1 || DST_0 == 1) -> empty_channels(0) :: else -> skip fi;
       normalise(0);
       check_invariants()
     }
  /* action 16: LinkFails GDLLCPX1 GDLLCPX2 */
  :: d_step { lfail_left > 0 && link[0] ->
       link[0] = 0;
       lfail_left--;
       if :: EPISODE(0) && ((SRC(0) == 0 && DST_0 == 1) || (SRC(0) == 1 && DST_0 == 0)) -> empty_channels(0) :: else -> skip fi;
       normalise(0);
       check_invariants()
     }
  /* action 17: Tick */
  :: d_step { ((EPISODE(0) && ((ACTIVE(0) && MAXT_0 > 0) || ((rs[0] == RS_QUIESCED || rs[0] == RS_STATE_SENT) && MAXQ_0 > 0)))) ->
       if
       :: (EPISODE(0) && ((ACTIVE(0) && MAXT_0 > 0) || ((rs[0] == RS_QUIESCED || rs[0] == RS_STATE_SENT) && MAXQ_0 > 0))) ->
          src = SRC(0); dst = DST_0;
          if :: MAXT_0 > 0 -> elapsed[0]++ :: else -> skip fi;
          if :: MAXQ_0 > 0 && INST(0, src) == I_QUIESCED -> qtime[0]++ :: else -> skip fi;
          if :: (MAXT_0 > 0 && elapsed[0] >= MAXT_0) || (MAXQ_0 > 0 && qtime[0] >= MAXQ_0) -> src_cancel(0) :: else -> skip fi
       :: else -> skip
       fi;
       normalise(0);
       check_invariants()
     }
#ifdef CHECK_NoDeadlock
  /* no action enabled: a deadlock unless no relocation is in progress */
  :: d_step { else -> NoDeadlock = (!EPISODE(0)); assert(NoDeadlock) }
#endif
  od
}
